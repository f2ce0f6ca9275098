import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type Fault = "pass" | "reset-before" | "reset-after" | "stall" | "slow-body" | "503" | "429-days";

/**
 * A real HTTP proxy in front of the real server that misbehaves on purpose. `nextFault` picks what
 * happens to each request; `forwardedPosts` counts the creates that reached the server.
 */
export class FaultProxy {
  forwardedPosts = 0;
  /** Where to send requests, set once the proxy listens. */
  url = "";
  readonly #server: Server;
  readonly #target: URL;
  readonly #nextFault: () => Fault;
  readonly #sockets = new Set<Socket>();

  private constructor(target: string, nextFault: () => Fault) {
    this.#target = new URL(target);
    this.#nextFault = nextFault;
    this.#server = createServer((incoming, outgoing) => this.#handle(incoming, outgoing));
    this.#server.on("connection", (socket) => {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
    });
  }

  static async start(target: string, nextFault: () => Fault): Promise<FaultProxy> {
    const proxy = new FaultProxy(target, nextFault);
    await new Promise<void>((resolve) => proxy.#server.listen(0, "127.0.0.1", resolve));
    const { port } = proxy.#server.address() as AddressInfo;
    proxy.url = `http://127.0.0.1:${port}`;
    return proxy;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(incoming: IncomingMessage, outgoing: ServerResponse): void {
    const fault = this.#nextFault();
    if (fault === "reset-before") return void incoming.socket.destroy();
    if (fault === "stall") return;
    if (fault === "503")
      return void outgoing
        .writeHead(503, { "content-type": "application/json" })
        .end(JSON.stringify({ error_codes: [1900], message: "Service unavailable.", fields: [] }));
    if (fault === "429-days")
      return void outgoing
        .writeHead(429, { "content-type": "application/json", "retry-after": String(3 * 86_400) })
        .end(JSON.stringify({ error_codes: [1500], message: "Too many requests.", fields: [] }));
    if (incoming.method === "POST") this.forwardedPosts++;
    const upstream = request(
      {
        host: this.#target.hostname,
        port: this.#target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        if (fault === "reset-after") {
          answer.resume();
          answer.on("end", () => incoming.socket.destroy());
          return;
        }
        if (fault === "slow-body") {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          const chunks: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => chunks.push(chunk));
          answer.on("end", () => trickle(Buffer.concat(chunks), outgoing));
          return;
        }
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on("error", () => incoming.socket.destroy());
    incoming.pipe(upstream);
  }
}

/** One byte every 400 ms: a body that arrives, but far too slowly. */
function trickle(body: Buffer, outgoing: ServerResponse): void {
  let offset = 0;
  const timer = setInterval(() => {
    if (outgoing.destroyed || offset >= body.length) {
      clearInterval(timer);
      outgoing.end();
      return;
    }
    outgoing.write(body.subarray(offset, offset + 1));
    offset++;
  }, 400);
  outgoing.on("close", () => clearInterval(timer));
}
