import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** How many connections the server keeps open, and for how long an idle one. */
export interface ConnectionLimits {
  /** Open connections in total; one more is closed as soon as it is accepted. */
  maxConnections: number;
  /** Open connections from one client address, so that one address cannot starve the others. */
  maxConnectionsPerAddress: number;
  /** A connection with no request yet, or none since its last answer, is closed after this. */
  idleTimeoutMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 1_000,
  maxConnectionsPerAddress: 100,
  idleTimeoutMs: 5_000,
};

/**
 * Caps the connections of an HTTP server and closes idle ones. Node closes a kept-alive connection
 * after `keepAliveTimeout` (set by the caller to `idleTimeoutMs`), but a connection that never sends
 * a byte is not covered by any of its timeouts: that wait is timed here. Also remembers, per
 * connection, the answer still being written, so that an error found further down a pipelined
 * stream is written after it (see `afterPendingAnswer`).
 */
export class ConnectionGuard {
  readonly #limits: ConnectionLimits;
  readonly #openByAddress = new Map<string, number>();
  readonly #firstRequestTimers = new WeakMap<Socket, NodeJS.Timeout>();
  readonly #pendingAnswers = new WeakMap<Socket, ServerResponse>();

  constructor(server: Server, limits: ConnectionLimits) {
    this.#limits = limits;
    server.maxConnections = limits.maxConnections;
    server.on("connection", (socket: Socket) => this.#accept(socket));
    server.prependListener("request", (request: IncomingMessage, response: ServerResponse) =>
      this.#track(request.socket, response),
    );
  }

  /** Runs `write` once the connection's answers in progress are written (at once when there is none). */
  afterPendingAnswer(socket: Socket, write: () => void): void {
    const pending = this.#pendingAnswers.get(socket);
    if (pending === undefined || pending.writableFinished) {
      write();
      return;
    }
    let written = false;
    const once = () => {
      if (written) return;
      written = true;
      write();
    };
    pending.once("finish", once);
    pending.once("close", once);
  }

  #accept(socket: Socket): void {
    const address = socket.remoteAddress ?? "";
    const open = (this.#openByAddress.get(address) ?? 0) + 1;
    if (open > this.#limits.maxConnectionsPerAddress) {
      socket.destroy();
      return;
    }
    this.#openByAddress.set(address, open);
    const timer = setTimeout(() => socket.destroy(), this.#limits.idleTimeoutMs);
    timer.unref();
    this.#firstRequestTimers.set(socket, timer);
    socket.once("close", () => {
      clearTimeout(timer);
      const remaining = (this.#openByAddress.get(address) ?? 1) - 1;
      if (remaining > 0) this.#openByAddress.set(address, remaining);
      else this.#openByAddress.delete(address);
    });
  }

  #track(socket: Socket, response: ServerResponse): void {
    const timer = this.#firstRequestTimers.get(socket);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.#firstRequestTimers.delete(socket);
    }
    this.#pendingAnswers.set(socket, response);
  }
}
