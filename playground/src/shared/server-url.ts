/**
 * Which Gradio app the pages talk to: `?server=URL` in the address, else the URL the dev server was started with
 * (`GRADIO_URL`, written into every page as `<meta name="gradio-url">`), else the embedded test server.
 * @module
 */

/** Where `scripts/dev.sh` starts the embedded test server. */
export const EMBEDDED_SERVER_URL = "http://127.0.0.1:7860";

/** The app URL a page starts with. */
export function initialServerUrl(): string {
  const fromQuery = new URLSearchParams(location.search).get("server");
  const fromMeta = document.querySelector<HTMLMetaElement>('meta[name="gradio-url"]')?.content;
  return fromQuery || fromMeta || EMBEDDED_SERVER_URL;
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
