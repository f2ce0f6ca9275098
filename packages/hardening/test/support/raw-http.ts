import { Agent, request } from "node:http";

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

/** One HTTP request as written, answered or failed within `timeoutMs` (a hang is a failure). */
export function send(
  baseUrl: string,
  req: RawRequest,
  agent: Agent,
  timeoutMs = 10_000,
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  // Node frames a DELETE's (or OPTIONS', ...) body with neither Content-Length nor chunks; the server
  // would then read the body as the next request. Every body gets a length unless chunked is asked.
  const headers = { ...req.headers };
  if (req.body !== undefined && headers["transfer-encoding"] === undefined)
    headers["content-length"] = String(Buffer.byteLength(req.body));
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers,
        agent,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("end", () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        incoming.on("error", reject);
      },
    );
    // CONNECT answers through "connect", not "response"; its status counts like any other.
    outgoing.on("connect", (incoming, socket, head) => {
      const chunks: Buffer[] = [head];
      socket.on("data", (chunk: Buffer) => chunks.push(chunk));
      socket.on("close", () =>
        resolve({
          status: incoming.statusCode ?? 0,
          headers: incoming.headers,
          text: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    const deadline = setTimeout(
      () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    outgoing.on("close", () => clearTimeout(deadline));
    outgoing.on("error", reject);
    outgoing.end(req.body);
  });
}

export const keepAliveAgent = (): Agent => new Agent({ keepAlive: true, maxSockets: 16 });
