import { connect, type Socket } from "node:net";

export interface ParsedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ExchangeOptions {
  /** The client address to connect from (127.0.0.2 is another loopback address); default any. */
  localAddress?: string;
  /** Fails when the server has not closed the connection within this time; default 10 s. */
  timeoutMs?: number;
}

/**
 * Writes `bytes` to a new connection exactly as given and resolves with everything the server
 * sent until it closed the connection (send `Connection: close` to make it close after an answer).
 */
export function exchange(
  url: string,
  bytes: string | Buffer,
  options: ExchangeOptions = {},
): Promise<string> {
  const socket = open(url, options.localAddress);
  socket.write(bytes);
  return receiveUntilClosed(socket, options.timeoutMs ?? 10_000);
}

/** A connection to the server at `url`, from `localAddress` when given. */
export function open(url: string, localAddress?: string): Socket {
  const { hostname, port } = new URL(url);
  return connect({ host: hostname, port: Number(port), ...(localAddress ? { localAddress } : {}) });
}

/** Everything the socket brings until it closes; rejects after `timeoutMs` (a hang is a failure). */
export function receiveUntilClosed(socket: Socket, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const deadline = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server did not close the connection within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(deadline);
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
  });
}

/** Splits the bytes of one or more HTTP/1.1 answers framed by Content-Length. */
export function parseAnswers(text: string): ParsedAnswer[] {
  const answers: ParsedAnswer[] = [];
  let rest = text;
  while (rest.length > 0) {
    const end = rest.indexOf("\r\n\r\n");
    if (end < 0) throw new Error(`an incomplete answer: ${JSON.stringify(rest.slice(0, 200))}`);
    const [statusLine = "", ...lines] = rest.slice(0, end).split("\r\n");
    const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine)?.[1]);
    if (!Number.isInteger(status)) throw new Error(`not a status line: ${JSON.stringify(statusLine)}`);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers["content-length"] ?? 0);
    const bodyStart = Buffer.byteLength(rest.slice(0, end + 4));
    const bytes = Buffer.from(rest, "utf8");
    answers.push({ status, headers, body: bytes.subarray(bodyStart, bodyStart + length).toString("utf8") });
    rest = bytes.subarray(bodyStart + length).toString("utf8");
  }
  return answers;
}
