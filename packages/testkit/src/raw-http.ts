/**
 * One HTTP request written exactly as given. It imports nothing of the server, the spec or the
 * contract, so it can be loaded anywhere.
 */
import { Agent, type IncomingMessage, request } from "node:http";
import type { Readable } from "node:stream";

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface SendOptions {
  /** The connection pool; default none (a connection of its own). */
  agent?: Agent | undefined;
  /** Fails the request when no whole answer came within this time (a hang is a failure); default no limit. */
  timeoutMs?: number | undefined;
}

/**
 * Sends one request through node:http, with no headers added but Host and, for a body, Content-Length
 * (unless the caller asks for Transfer-Encoding or gives a Content-Length of its own), so the test
 * controls what the server sees. A CONNECT answer counts like any other.
 */
export function sendRaw(baseUrl: string, req: RawRequest, options: SendOptions = {}): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const { agent = false, timeoutMs } = options;
  // Node frames a DELETE's (or OPTIONS', ...) body with neither Content-Length nor chunks; the server
  // would then read the body as the next request. Every body gets a length unless chunked is asked.
  const chunked = Object.keys(req.headers ?? {}).some((name) => name.toLowerCase() === "transfer-encoding");
  const length =
    req.body === undefined || chunked ? {} : { "content-length": String(Buffer.byteLength(req.body)) };
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        hostname: url.hostname,
        port: url.port,
        method: req.method,
        // As given, unresolved: "//" or "/a/../b" reach the server verbatim.
        path: req.path || "/",
        headers: { ...length, ...req.headers },
        agent,
      },
      (incoming) => collect(incoming, incoming, "end", []).then(resolve, reject),
    );
    // CONNECT answers through "connect", not "response"; the body is what the socket brings until it closes.
    outgoing.on("connect", (incoming, socket, head) =>
      collect(incoming, socket, "close", [head]).then(resolve, reject),
    );
    if (timeoutMs !== undefined) {
      const deadline = setTimeout(
        () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      outgoing.on("close", () => clearTimeout(deadline));
    }
    outgoing.on("error", reject);
    outgoing.end(req.body);
  });
}

/** A pool of kept-alive connections, for many requests in a row. */
export const keepAliveAgent = (): Agent => new Agent({ keepAlive: true, maxSockets: 16 });

/** The answer `head` started: its status and headers, and the text `body` brings until `last`. */
function collect(
  head: IncomingMessage,
  body: Readable,
  last: "end" | "close",
  chunks: Buffer[],
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    body.on("data", (chunk: Buffer) => chunks.push(chunk));
    body.on("error", reject);
    body.on(last, () =>
      resolve({
        status: head.statusCode ?? 0,
        headers: head.headers,
        text: Buffer.concat(chunks).toString("utf8"),
      }),
    );
  });
}
