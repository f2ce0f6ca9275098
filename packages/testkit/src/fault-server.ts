import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type FaultHandler = (request: ReceivedRequest, response: ServerResponse, index: number) => void;

export interface FaultServer {
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A small real HTTP server that produces the faults the real server cannot: resets, stalls, 503
 * storms, 429 with Retry-After, a slow answer, a field error of the test's choosing. `handler` decides
 * each answer from the request and its index (0-based).
 */
export async function startFaultServer(handler: FaultHandler): Promise<FaultServer> {
  const received: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      const request = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      received.push(request);
      handler(request, res, received.length - 1);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export const TOKEN = {
  id: 7,
  key: "st_3q2Vw8Xk1TnR0bYh5LmPzA9cJe",
  is_active: true,
  created: "2021-05-28T10:37:51.433760+00:00",
  expires: "2021-05-29T10:37:51.433760+00:00",
};

/** A stream token as a stand-in serves it: `id`, temporary unless `permanent`. */
export const token = (id: number, permanent = false) => ({
  id,
  key: `st_standin_key_number_${id}_abcdef`,
  is_active: true,
  created: "2026-11-29T10:00:00.000000+00:00",
  expires: permanent ? null : "2099-11-30T10:00:00.000000+00:00",
});

export function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

export function errorBody(code: number, message: string) {
  return { error_codes: [code], message, fields: [] };
}

/** Destroys the connection without an answer. */
export function reset(response: ServerResponse): void {
  response.socket?.destroy();
}

/** Sends the status line and half a body, then never finishes it. */
export function stallBody(response: ServerResponse): void {
  response.writeHead(200, { "content-type": "application/json", "content-length": "4096" });
  response.write('{"id": 7, "key": "st_');
}

/** Never answers at all. */
export function stallHeaders(_response: ServerResponse): void {}
