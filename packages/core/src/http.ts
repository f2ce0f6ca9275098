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

/**
 * What openapi-fetch builds for each request. A real `Request` would be built twice (here, then
 * again inside `fetch`); this one keeps what `fetch` needs and lets `fetch` build the only one.
 */
class OutgoingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: RequestInit["body"];

  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.method = init.method ?? "GET";
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
  }
}
// openapi-fetch reads only url, method and headers of its request before handing it to our fetch.
const LightRequest = OutgoingRequest as unknown as typeof Request;

/** The fetch of one attempt: sends openapi-fetch's request with the attempt's signal. */
export function signalledFetch(custom: typeof fetch | undefined) {
  const fetchImpl = custom ?? globalThis.fetch;
  return (signal: AbortSignal) => (request: Request) =>
    fetchImpl(request.url, { method: request.method, headers: request.headers, body: request.body, signal });
}

/** `limit=20&offset=0&permanent=false`: the query values of this API are numbers and booleans. */
function serializeQuery(query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") {
      parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
    }
  }
  return parts.join("&");
}

/** The openapi-fetch client on the generated `paths`, with auth and User-Agent set by middleware. */
export function createApiClient(options: HttpOptions): ApiClient {
  const authorization = `Token ${options.apiToken}`;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    Request: LightRequest,
    headers: { Accept: "application/json", "User-Agent": userAgent },
    // A function, so that openapi-fetch does not build a serializer for every request.
    querySerializer: serializeQuery,
  });
  const auth: Middleware = {
    onRequest({ request }) {
      request.headers.set("Authorization", authorization);
    },
  };
  client.use(auth);
  return client;
}
