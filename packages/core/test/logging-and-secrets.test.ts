import { readdirSync, readFileSync } from "node:fs";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  CoreClient,
  createLogger,
  isExpired,
  type LogEntry,
  type Logger,
  maskSecret,
  NotFoundError,
  timeLeft,
} from "../src/index.js";
import { failure } from "./support/failure.js";
import { type RunningServer, startServer } from "./support/local-server.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

describe("maskSecret", () => {
  test("keeps the first five and last four characters of a long secret", () => {
    expect(maskSecret("st_3q2Vw8Xk1TnR0bYh5LmPzA9cJe")).toBe("st_3q\u20269cJe");
  });
  test("shows nearly nothing of a short one", () => {
    expect(maskSecret("abcdefghijk")).toBe("ab\u2026");
    expect(maskSecret("short")).toBe("\u2026");
    expect(maskSecret("")).toBe("\u2026");
  });
});

describe("the logger", () => {
  test("debug output lists each request with the api token and keys masked", async () => {
    const entries: LogEntry[] = [];
    const logger = createLogger({ level: "debug", sink: (entry) => entries.push(entry) });
    const apiToken = server.createAccount().account;
    const client = new CoreClient({ apiToken, baseUrl: server.url, logger });
    const token = await client.streams.tokens.create();
    await client.streams.tokens.get(token.key);
    const written = JSON.stringify(entries);
    expect(entries.some((entry) => entry.message.startsWith("POST /v1/streams/tokens/"))).toBe(true);
    expect(entries.some((entry) => entry.message.startsWith("GET /v1/streams/tokens/st_"))).toBe(true);
    expect(written).not.toContain(apiToken);
    expect(written).not.toContain(token.key);
  });

  test("a caller's own logger gets the same masked lines", async () => {
    const lines: string[] = [];
    const sink = (message: string, fields?: unknown) => lines.push(`${message} ${JSON.stringify(fields)}`);
    const logger: Logger = { debug: sink, info: sink, warn: sink, error: sink };
    const apiToken = server.createAccount().account;
    const client = new CoreClient({ apiToken, baseUrl: server.url, logger });
    const token = await client.streams.tokens.create();
    await failure(client.streams.tokens.get(`${token.key}x`));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain(token.key);
    expect(lines.join("\n")).not.toContain(apiToken);
  });

  test("levels filter, `off` writes nothing, and secret-named fields are masked", () => {
    const entries: LogEntry[] = [];
    const logger = createLogger({ level: "warn", sink: (entry) => entries.push(entry) });
    logger.debug("hidden");
    logger.info("hidden");
    logger.warn("shown", {
      key: "st_3q2Vw8Xk1TnR0bYh5LmPzA9cJe",
      header: "Token abcdefghijklmnopqrstuvwxyz",
    });
    logger.error("also shown");
    expect(entries.map((entry) => entry.message)).toEqual(["shown", "also shown"]);
    expect(entries[0]?.fields).toEqual({ key: "st_3q\u20269cJe", header: "Token abcde\u2026wxyz" });
    const silent: LogEntry[] = [];
    createLogger({ level: "off", sink: (entry) => silent.push(entry) }).error("dropped");
    expect(silent).toEqual([]);
  });

  test("STREAM_TOKENS_LOG=debug turns debug output on", () => {
    const entries: LogEntry[] = [];
    const previous = process.env.STREAM_TOKENS_LOG;
    process.env.STREAM_TOKENS_LOG = "debug";
    try {
      createLogger({ sink: (entry) => entries.push(entry) }).debug("on");
    } finally {
      if (previous === undefined) delete process.env.STREAM_TOKENS_LOG;
      else process.env.STREAM_TOKENS_LOG = previous;
    }
    createLogger({ sink: (entry) => entries.push(entry) }).debug("off again");
    expect(entries.map((entry) => entry.message)).toEqual(["on"]);
  });
});

describe("secrets never show", () => {
  test("inspect and JSON of a client show the api token masked", () => {
    const apiToken = "at_9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    const client = new CoreClient({ apiToken, baseUrl: server.url });
    expect(inspect(client)).not.toContain(apiToken);
    expect(JSON.stringify(client)).not.toContain(apiToken);
    expect(inspect(client)).toBe(`Client { baseUrl: '${server.url}', apiToken: 'at_9f\u2026b1a0' }`);
  });

  test("a NotFoundError for a key masks the key in message, path, JSON and inspect", async () => {
    const client = new CoreClient({ apiToken: server.createAccount().account, baseUrl: server.url });
    const key = "st_AAAAbbbbCCCCddddEEEEffff0000";
    const error = await failure(client.streams.tokens.get(key));
    expect(error).toBeInstanceOf(NotFoundError);
    for (const shown of [String(error), JSON.stringify(error), inspect(error)])
      expect(shown).not.toContain(key);
    expect((error as NotFoundError).path).toBe("/v1/streams/tokens/st_AA\u20260000/");
  });
});

describe("token helpers", () => {
  const token = { expires: "2030-01-02T00:00:00.000000+00:00" };
  test("isExpired and timeLeft read `expires` against the given time", () => {
    expect(isExpired(token, Date.parse("2030-01-01T00:00:00Z"))).toBe(false);
    expect(timeLeft(token, new Date("2030-01-01T23:00:00Z"))).toBe(3_600_000);
    expect(isExpired(token, Date.parse("2030-01-02T00:00:00Z"))).toBe(true);
    expect(timeLeft(token, Date.parse("2030-01-03T00:00:00Z"))).toBe(0);
  });
  test("a permanent token never expires; an unreadable expiry counts as expired", () => {
    expect(isExpired({ expires: null })).toBe(false);
    expect(timeLeft({ expires: null })).toBeNull();
    expect(isExpired({ expires: "not a date" })).toBe(true);
  });
});

test("core's sources import nothing from node: (fetch, URL, AbortController and timers only)", () => {
  const dir = new URL("../src/", import.meta.url);
  const offenders = readdirSync(dir)
    .filter((name) => /from "node:|require\(|process\.env/.test(readFileSync(new URL(name, dir), "utf8")))
    .sort();
  expect(offenders).toEqual([]);
});
