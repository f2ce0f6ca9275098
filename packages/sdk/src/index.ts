// The library's surface is core's public one, and the client with environment defaults.
export * from "@stream-tokens/core/public";
export { Client, type ClientOptions, DEFAULT_BASE_URL } from "./client.js";
