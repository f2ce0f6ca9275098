import { type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { ConnectionGuard } from "./connections.js";
import { ApiError, ErrorCode } from "./errors.js";

/**
 * Answers that Node asks for before a request reaches Fastify (malformed HTTP, CONNECT, an
 * `Expect` other than 100-continue), with the same error body and headers as every other answer.
 */

/** Sent with every answer: keys are secrets, and no answer is to be sniffed into another type. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

/**
 * Malformed HTTP never reaches Fastify's routing. The answers to requests that came before it on
 * the same connection (pipelined) go out first; then the error, and the connection is closed.
 */
export function answerClientError(
  guard: ConnectionGuard,
  error: Error & { code?: string; rawPacket?: unknown },
  socket: Socket,
): void {
  if (!socket.writable || error.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  const apiError =
    error.code === "HPE_HEADER_OVERFLOW"
      ? new ApiError(431, ErrorCode.headersTooLarge, "Request headers are too large.")
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? new ApiError(408, ErrorCode.requestTimeout, "The request was not received in time.")
        : new ApiError(400, ErrorCode.malformedBody, "Malformed HTTP request.");
  const head =
    Buffer.isBuffer(error.rawPacket) && error.rawPacket.subarray(0, 5).toString("latin1") === "HEAD ";
  guard.afterPendingAnswer(socket, () => endWithError(socket, apiError, head));
}

/** CONNECT is not part of this API; Node would otherwise drop the connection without an answer. */
export function refuseConnect(allowedMethods: readonly string[], socket: Duplex): void {
  endWithError(
    socket,
    new ApiError(405, ErrorCode.methodNotAllowed, "Method CONNECT is not allowed here.", [], {
      allow: allowedMethods.join(", "),
    }),
    false,
  );
}

/** Node's `checkExpectation`: only `Expect: 100-continue` is understood. */
export function refuseExpectation(request: IncomingMessage, response: ServerResponse): void {
  const error = new ApiError(417, ErrorCode.expectationFailed, "Only 'Expect: 100-continue' is supported.");
  const body = JSON.stringify(error.toBody());
  response.writeHead(error.status, {
    ...SECURITY_HEADERS,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
  });
  response.end(request.method === "HEAD" ? undefined : body);
}

/** Writes a whole error response straight to the socket and closes it; a HEAD answer has no body. */
function endWithError(socket: Duplex, apiError: ApiError, head: boolean): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(apiError.toBody());
  const headers: Record<string, string> = {
    ...apiError.headers,
    ...SECURITY_HEADERS,
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    connection: "close",
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.end(
    `HTTP/1.1 ${apiError.status} ${STATUS_CODES[apiError.status] ?? "Error"}\r\n${lines.join("")}\r\n${head ? "" : body}`,
  );
  // The socket is outside the server's bookkeeping now (CONNECT) or about to be: a client that
  // never closes its side must not keep it, or shutdown, waiting.
  const cut = setTimeout(() => socket.destroy(), 2_000);
  cut.unref();
  socket.once("close", () => clearTimeout(cut));
}
