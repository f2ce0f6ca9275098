import http from "node:http";
import https from "node:https";

/**
 * The fetch the CLI and the UI give core: GET requests go over `node:http(s)` with keep-alive
 * agents, everything else through the global fetch. A cold process spends three times less CPU per
 * request this way than through undici's fetch (streams, Request and body machinery): loading
 * 10,000 tokens is 100 requests, made while the UI starts and nothing in it is optimised yet.
 * Redirects and bodies it does not handle go to the global fetch, so nothing behaves differently.
 */
export const httpFetch: typeof fetch = (input, init) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : undefined;
  const method = (init?.method ?? "GET").toUpperCase();
  if (url === undefined || method !== "GET" || init?.body != null || !/^https?:/i.test(url)) {
    return globalThis.fetch(input, init);
  }
  return get(url, headersOf(init?.headers), init?.signal ?? undefined).then(
    (answer) => answer ?? globalThis.fetch(input, init),
  );
};

const agents = {
  "http:": new http.Agent({ keepAlive: true }),
  "https:": new https.Agent({ keepAlive: true }),
};

function headersOf(headers: HeadersInit | undefined): Record<string, string> {
  if (headers === undefined) return {};
  if (headers instanceof Headers) {
    const plain: Record<string, string> = {};
    headers.forEach((value, name) => {
      plain[name] = value;
    });
    return plain;
  }
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return { ...headers };
}

/** Statuses whose answer has no body (a Response refuses one). */
const bodiless = (status: number): boolean => status < 200 || status === 204 || status === 304;

/**
 * One GET: its Response, or undefined for a redirect (the global fetch follows those). Fails as
 * fetch fails (a TypeError "fetch failed" with the network error as its cause); an abort rejects
 * with the signal's reason. A kept-alive socket the server closed meanwhile is retried once.
 */
function get(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
  retried = false,
): Promise<Response | undefined> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const target = new URL(url);
    const transport = target.protocol === "https:" ? https : http;
    const agent = target.protocol === "https:" ? agents["https:"] : agents["http:"];
    const onAbort = () => request.destroy(signal?.reason instanceof Error ? signal.reason : undefined);
    const done = () => signal?.removeEventListener("abort", onAbort);
    const request = transport.get(target, { headers, agent }, (incoming) => {
      const status = incoming.statusCode ?? 0;
      if (status >= 300 && status < 400 && incoming.headers.location !== undefined) {
        incoming.resume();
        done();
        resolve(undefined);
        return;
      }
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("error", (error) => {
        done();
        reject(signal?.aborted ? signal.reason : new TypeError("fetch failed", { cause: error }));
      });
      incoming.on("end", () => {
        done();
        const pairs: [string, string][] = [];
        for (let index = 0; index + 1 < incoming.rawHeaders.length; index += 2) {
          pairs.push([incoming.rawHeaders[index] ?? "", incoming.rawHeaders[index + 1] ?? ""]);
        }
        resolve(
          new Response(bodiless(status) ? null : Buffer.concat(chunks), {
            status,
            statusText: incoming.statusMessage ?? "",
            headers: pairs,
          }),
        );
      });
    });
    signal?.addEventListener("abort", onAbort, { once: true });
    request.on("error", (error: NodeJS.ErrnoException) => {
      done();
      if (signal?.aborted) reject(signal.reason);
      else if (request.reusedSocket && error.code === "ECONNRESET" && !retried) {
        get(url, headers, signal, true).then(resolve, reject);
      } else reject(new TypeError("fetch failed", { cause: error }));
    });
  });
}
