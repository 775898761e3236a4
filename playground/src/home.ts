// The landing page: shows which app the pages will talk to, and keeps `?server=` on the links.
import { initialServerUrl, keepServerInLinks } from "./shared/server-url.js";

const url = initialServerUrl();
const server = document.querySelector<HTMLElement>("[data-testid=server]");
if (server) server.textContent = url;
keepServerInLinks(new URLSearchParams(location.search).get("server"));
