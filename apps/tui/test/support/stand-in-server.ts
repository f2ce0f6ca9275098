import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A small real HTTP server for faults the local server cannot produce (a slow answer, a field error
 * of our choosing). Each test gives the handler.
 */
export async function startStandIn(handler: Handler): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

export const token = (id: number, permanent = false) => ({
  id,
  key: `st_standin_key_number_${id}_abcdef`,
  is_active: true,
  created: "2026-11-29T10:00:00.000000+00:00",
  expires: permanent ? null : "2099-11-30T10:00:00.000000+00:00",
});
