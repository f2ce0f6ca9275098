// What the packages built on core use and their users do not: not re-exported by the library.
export { checkClientOptions } from "./client.js";
export { normalizeBaseUrl } from "./http.js";
