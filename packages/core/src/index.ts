// What the packages built on core use: everything the library publishes, and what they build it
// from, which the library keeps to itself (the client without environment defaults, the check of
// its options, the defaults and names it reports).

export { CoreClient, type CoreClientOptions, checkClientOptions } from "./client.js";
export { DEFAULT_USER_AGENT, normalizeBaseUrl } from "./http.js";
export { LOG_LEVEL_ENV } from "./logger.js";
export * from "./public.js";
