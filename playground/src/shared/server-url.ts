/**
 * Which Gradio app the pages talk to: `?server=URL` in the address, else the URL the dev server was started with
 * (`GRADIO_URL`, written into every page as `<meta name="gradio-url">`), else the embedded test server. The cancel
 * page talks to the work app instead: `?work=URL`, else `GRADIO_WORK_URL` (`<meta name="gradio-work-url">`), else
 * the embedded work app.
 * @module
 */

/** Where `scripts/dev.sh` starts the embedded test server. */
export const EMBEDDED_SERVER_URL = "http://127.0.0.1:7860";
/** Where `scripts/dev.sh` starts the embedded work app (the cancel page's). */
export const EMBEDDED_WORK_URL = "http://127.0.0.1:7870";

/** The app URL a page starts with. */
export function initialServerUrl(): string {
  return urlFrom("server", "gradio-url") || EMBEDDED_SERVER_URL;
}

/** The work app URL the cancel page starts with. */
export function initialWorkUrl(): string {
  return urlFrom("work", "gradio-work-url") || EMBEDDED_WORK_URL;
}

/** Keeps the work app's URL in the address (`?work=`), so a reload uses it again. */
export function rememberWorkUrl(url: string): void {
  const address = new URL(location.href);
  address.searchParams.set("work", url);
  history.replaceState(null, "", address);
}

function urlFrom(param: string, meta: string): string | undefined {
  const fromQuery = new URLSearchParams(location.search).get(param);
  const fromMeta = document.querySelector<HTMLMetaElement>(`meta[name="${meta}"]`)?.content;
  return fromQuery || fromMeta;
}

/**
 * Keeps the chosen URL in the address (`?server=`) and in the links to the other pages, so a reload, a shared
 * link or another page uses it again.
 */
export function rememberServerUrl(url: string): void {
  const address = new URL(location.href);
  address.searchParams.set("server", url);
  history.replaceState(null, "", address);
  keepServerInLinks(url);
}

/** Adds `?server=URL` to the links between pages (`a[data-page]`); `null` leaves them as they are. */
export function keepServerInLinks(url: string | null): void {
  if (!url) return;
  for (const link of document.querySelectorAll<HTMLAnchorElement>("a[data-page]")) {
    const target = new URL(link.href);
    target.searchParams.set("server", url);
    link.href = target.href;
  }
}
