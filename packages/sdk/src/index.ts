export * from "@stream-tokens/core";
export { API_TOKEN_ENV, BASE_URL_ENV, Client, type ClientOptions, DEFAULT_BASE_URL } from "./client.js";
