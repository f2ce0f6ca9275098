import type { paths } from "@stream-tokens/api-types";
import openapiFetch, { type Client, type Middleware } from "openapi-fetch";
import { ValidationError } from "./errors.js";
import { VERSION } from "./version.js";

export type ApiClient = Client<paths>;

/**
 * openapi-fetch's CommonJS build sets `exports.default` without `__esModule`, so a Node-style CJS
 * import (our CJS bundle) sees the module object where ESM sees the function.
 */
function resolveCreateClient(): typeof openapiFetch {
  const candidate: unknown = openapiFetch;
  if (typeof candidate === "function") return openapiFetch;
  const inner: unknown =
    typeof candidate === "object" && candidate !== null ? Reflect.get(candidate, "default") : undefined;
  if (typeof inner === "function") return inner as typeof openapiFetch;
  throw new Error("openapi-fetch does not export createClient");
}

const createClient = resolveCreateClient();

export interface HttpOptions {
  apiToken: string;
  baseUrl: string;
  userAgent: string | undefined;
  fetch: typeof fetch | undefined;
}

export const DEFAULT_USER_AGENT = `stream-tokens/${VERSION}`;

/** Checks a base URL and returns it without a trailing slash. */
export function normalizeBaseUrl(value: unknown): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new ValidationError("baseUrl", "must be an http(s) URL such as https://api.neuroio.com");
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError("baseUrl", "must be an http(s) URL such as https://api.neuroio.com");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ValidationError("baseUrl", `must use http or https, got ${url.protocol}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ValidationError("baseUrl", "must not carry a query, a fragment or credentials");
  }
  return url.href.replace(/\/+$/, "");
}

/** The openapi-fetch client on the generated `paths`, with auth and User-Agent set by middleware. */
export function createApiClient(options: HttpOptions): ApiClient {
  const authorization = `Token ${options.apiToken}`;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const auth: Middleware = {
    onRequest({ request }) {
      request.headers.set("Authorization", authorization);
      request.headers.set("User-Agent", userAgent);
      request.headers.set("Accept", "application/json");
    },
  };
  client.use(auth);
  return client;
}
