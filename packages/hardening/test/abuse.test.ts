import { connect } from "node:net";
import { demoTokens, useStarted } from "@stream-tokens/testkit/fixtures";
import { keepAliveAgent, type SendOptions, sendRaw } from "@stream-tokens/testkit/raw-http";
import { isErrorBody, parseJson } from "@stream-tokens/testkit/wire";
import { startServer } from "stream-tokens-server";
import { afterAll, describe, expect, it } from "vitest";

const FAILURES_PER_MINUTE = 20;
const server = useStarted(() => startServer({ seed: true, authFailuresPerMinute: FAILURES_PER_MINUTE }));
const agent = keepAliveAgent();
const options: SendOptions = { agent, timeoutMs: 10_000 };

afterAll(() => {
  agent.destroy();
});

const list = (authorization: string) =>
  sendRaw(server().url, { method: "GET", path: "/v1/streams/tokens/", headers: { authorization } }, options);

describe("abuse", () => {
  it("slows repeated authentication failures with 429 and Retry-After, without locking out valid callers", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < FAILURES_PER_MINUTE + 10; i++)
      statuses.push((await list(`Token at_guess${i}`)).status);
    expect(statuses.slice(0, FAILURES_PER_MINUTE).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(FAILURES_PER_MINUTE).every((status) => status === 429)).toBe(true);

    const limited = await list("Token at_one-more-guess");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(isErrorBody(parseJson(limited.text))).toBe(true);

    // The same address with a valid api token is still served.
    const valid = await list(`Token ${demoTokens(server()).account}`);
    expect(valid.status).toBe(200);
  });

  it("refuses oversized headers and bodies with the NeuroIO error body", async () => {
    const authorization = `Token ${demoTokens(server()).account}`;
    const bigHeader = await sendRaw(
      server().url,
      {
        method: "GET",
        path: "/v1/streams/tokens/",
        headers: { authorization, "x-padding": "h".repeat(64 * 1024) },
      },
      options,
    );
    expect([413, 431]).toContain(bigHeader.status);
    expect(isErrorBody(parseJson(bigHeader.text))).toBe(true);

    const bigBody = await sendRaw(
      server().url,
      {
        method: "POST",
        path: "/v1/streams/tokens/",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify({ permanent: false, padding: "p".repeat(1024 * 1024) }),
      },
      options,
    );
    expect(bigBody.status).toBe(413);
    expect(isErrorBody(parseJson(bigBody.text))).toBe(true);
  });

  it("does not let a slow client hold a connection forever", async () => {
    const { port, hostname } = new URL(server().url);
    const socket = connect(Number(port), hostname);
    const closed = new Promise<number>((resolve) => socket.on("close", () => resolve(performance.now())));
    socket.on("error", () => {});
    socket.resume();
    const opened = performance.now();
    // A request line and then one header byte every half second: it never completes.
    socket.write("GET /v1/streams/tokens/ HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    const drip = setInterval(() => socket.writable && socket.write("a"), 500);
    const closedAt = await Promise.race([
      closed,
      new Promise<number>((resolve) => setTimeout(() => resolve(-1), 40_000)),
    ]);
    clearInterval(drip);
    socket.destroy();
    expect(closedAt).toBeGreaterThan(0);
    expect(closedAt - opened).toBeLessThan(30_000);
  });
});
