import type { Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_CONNECTION_LIMITS } from "../src/index.js";
import { open, parseAnswers, receiveUntilClosed } from "./raw-socket.js";
import { useServer } from "./servers.js";

/** Bounded well inside this machine's open-file limit: every socket is two descriptors here. */
const { maxConnectionsPerAddress } = DEFAULT_CONNECTION_LIMITS;
const IDLE_SOCKETS = maxConnectionsPerAddress + 50;
/** Generous: a close that takes longer than this is a hang, not a slow machine. */
const CLOSE_BOUND_MS = 15_000;

const opened: Socket[] = [];
afterEach(() => {
  for (const socket of opened.splice(0)) socket.destroy();
});

/** Opens `count` connections from `localAddress` that send nothing; resolves once all are connected or closed. */
async function idleSockets(url: string, localAddress: string, count: number) {
  const sockets = Array.from({ length: count }, () => open(url, localAddress));
  opened.push(...sockets);
  const closedByServer = new Set<Socket>();
  const settled = sockets.map(
    (socket) =>
      new Promise<void>((resolve) => {
        socket.on("error", () => {});
        socket.once("connect", () => resolve());
        socket.once("close", () => {
          closedByServer.add(socket);
          resolve();
        });
      }),
  );
  await Promise.all(settled);
  return { sockets, closedByServer };
}

/** Waits until `predicate` holds, checking every 20 ms, for at most CLOSE_BOUND_MS. */
async function eventually(predicate: () => boolean, what: string): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > CLOSE_BOUND_MS) throw new Error(`not within ${CLOSE_BOUND_MS} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** What the server answers a GET /healthz on a new connection from `localAddress` ("" when refused). */
async function healthzFrom(url: string, localAddress: string): Promise<string> {
  const socket = open(url, localAddress);
  opened.push(socket);
  socket.on("error", () => {});
  socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  return receiveUntilClosed(socket, CLOSE_BOUND_MS);
}

const statusesOf = (text: string) => parseAnswers(text).map((answer) => answer.status);

describe("the per-address cap (idle connections held open for the whole test)", () => {
  const server = useServer({ connections: { idleTimeoutMs: 120_000 } });

  it(`one address holds at most ${maxConnectionsPerAddress} connections, and another address is still served`, async () => {
    const flood = await idleSockets(server().url, "127.0.0.1", IDLE_SOCKETS);
    await eventually(
      () => flood.closedByServer.size >= IDLE_SOCKETS - maxConnectionsPerAddress,
      "the server closes the connections over the cap",
    );
    expect(flood.closedByServer.size).toBe(IDLE_SOCKETS - maxConnectionsPerAddress);
    expect(await healthzFrom(server().url, "127.0.0.1"), "one more from 127.0.0.1 is refused").toBe("");
    expect(statusesOf(await healthzFrom(server().url, "127.0.0.2"))).toEqual([200]);
  });
});

describe("the total cap", () => {
  const server = useServer({
    connections: { idleTimeoutMs: 120_000, maxConnectionsPerAddress: 20, maxConnections: 30 },
  });

  it("counts every address: past it, new connections are closed until one ends", async () => {
    const first = await idleSockets(server().url, "127.0.0.1", 20);
    const second = await idleSockets(server().url, "127.0.0.3", 20);
    await eventually(
      () => first.closedByServer.size + second.closedByServer.size >= 10,
      "the server closes the connections over the total",
    );
    expect(first.closedByServer.size + second.closedByServer.size).toBe(10);
    expect(await healthzFrom(server().url, "127.0.0.2")).toBe("");

    for (const socket of first.sockets) socket.destroy();
    // The server sees the ends a moment later: the first connections after them may still be refused.
    let answer = "";
    for (let attempt = 0; answer === "" && attempt < 50; attempt++) {
      answer = await healthzFrom(server().url, "127.0.0.2");
    }
    expect(statusesOf(answer)).toEqual([200]);
  });
});

describe("idle connections", () => {
  const server = useServer({ connections: { idleTimeoutMs: 500 } });

  it("a connection that never sends a request is closed after the idle timeout", async () => {
    const silent = open(server().url);
    opened.push(silent);
    expect(await receiveUntilClosed(silent, CLOSE_BOUND_MS)).toBe("");
  });

  it("a kept-alive connection is closed after the idle timeout that follows its last answer", async () => {
    const socket = open(server().url);
    opened.push(socket);
    socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    const answers = parseAnswers(await receiveUntilClosed(socket, CLOSE_BOUND_MS));
    expect(answers.map((answer) => answer.status)).toEqual([200]);
    expect(answers[0]?.headers.connection).toBe("keep-alive");
  });
});
