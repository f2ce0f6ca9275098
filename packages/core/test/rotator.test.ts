import type { StreamToken } from "@stream-tokens/api-types";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ConnectionError, CoreClient, isPermanent, NotFoundError, ValidationError } from "../src/index.js";
import { type RotatorTokenSource, TokenRotator } from "../src/rotator.js";
import { failure } from "./support/failure.js";
import { freshClient, type RunningServer, startServer } from "./support/local-server.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One fake clock shared by the server (which stamps `created`/`expires`) and the rotator. */
const clock = { now: Date.parse("2030-01-01T00:00:00Z") };
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ now: () => new Date(clock.now) });
});
afterAll(async () => {
  await server.close();
});

function setup(options: { renewBefore?: number; deleteReplaced?: boolean; retryDelay?: number } = {}) {
  const { tokens } = freshClient(server);
  const rotator = new TokenRotator({ tokens, now: () => clock.now, ...options });
  return { tokens, rotator };
}

/** A source whose creates go to a port nobody listens on while `down` is set: a real connection error. */
function switchableSource(tokens: RotatorTokenSource) {
  const dead = new CoreClient({ apiToken: "at_unused", baseUrl: "http://127.0.0.1:9", maxRetries: 0 });
  const state = { down: false };
  const source: RotatorTokenSource = {
    create: (params) => (state.down ? dead.streams.tokens.create(params) : tokens.create(params)),
    delete: (id) => tokens.delete(id),
  };
  return { source, state };
}

describe("TokenRotator (fake clock, real server)", () => {
  test("creates a temporary token on first use and hands it out until the renew window", async () => {
    const { tokens, rotator } = setup();
    expect(rotator.current).toBeUndefined();
    const first = await rotator.get();
    expect(isPermanent(first)).toBe(false);
    clock.now += DAY - HOUR - 60_000;
    expect(await rotator.get()).toEqual(first);
    expect(await tokens.list()).toHaveLength(1);
  });

  test("100 concurrent calls in the renew window make exactly 1 create", async () => {
    const { tokens, rotator } = setup({ renewBefore: 2 * HOUR });
    const first = await rotator.get();
    clock.now += DAY - HOUR;
    const handed = await Promise.all(Array.from({ length: 100 }, () => rotator.get()));
    const renewed = handed[0] as StreamToken;
    expect(renewed.id).not.toBe(first.id);
    expect(handed.every((token) => token.id === renewed.id)).toBe(true);
    expect(await tokens.list()).toHaveLength(2);
    expect(Date.parse(renewed.expires ?? "")).toBe(clock.now + DAY);
  });

  test("100 concurrent first calls make exactly 1 create", async () => {
    const { tokens, rotator } = setup();
    const handed = await Promise.all(Array.from({ length: 100 }, () => rotator.get()));
    expect(new Set(handed.map((token) => token.id)).size).toBe(1);
    expect(await tokens.list()).toHaveLength(1);
  });

  test("deletes the replaced token when asked", async () => {
    const { tokens, rotator } = setup({ deleteReplaced: true });
    const first = await rotator.get();
    clock.now += DAY - 30 * 60_000;
    const second = await rotator.get();
    expect(second.id).not.toBe(first.id);
    expect(await failure(tokens.get(first.id))).toBeInstanceOf(NotFoundError);
    expect((await tokens.list()).map((token) => token.id)).toEqual([second.id]);
  });

  test("keeps the old token while renewal fails and it is valid; throws once it is not", async () => {
    const { tokens } = freshClient(server);
    const { source, state } = switchableSource(tokens);
    const rotator = new TokenRotator({ tokens: source, now: () => clock.now, retryDelay: 60_000 });
    const first = await rotator.get();
    state.down = true;
    clock.now += DAY - 30 * 60_000;
    expect(await rotator.get()).toEqual(first);
    clock.now += 10 * 60_000;
    expect(await rotator.get()).toEqual(first);
    clock.now += 20 * 60_000;
    expect(await failure(rotator.get())).toBeInstanceOf(ConnectionError);
    state.down = false;
    const recovered = await rotator.get();
    expect(recovered.id).not.toBe(first.id);
  });

  test("after a failure, waits retryDelay before trying again while the old token is valid", async () => {
    const { tokens } = freshClient(server);
    const { source, state } = switchableSource(tokens);
    const rotator = new TokenRotator({ tokens: source, now: () => clock.now, retryDelay: 60_000 });
    const first = await rotator.get();
    clock.now += DAY - 30 * 60_000;
    state.down = true;
    expect(await rotator.get()).toEqual(first);
    state.down = false;
    clock.now += 30_000;
    expect(await rotator.get()).toEqual(first);
    expect(await tokens.list()).toHaveLength(1);
    clock.now += 31_000;
    expect((await rotator.get()).id).not.toBe(first.id);
    expect(await tokens.list()).toHaveLength(2);
  });

  test("a token that lives shorter than twice the window is renewed halfway through its life", async () => {
    const shortLived = await startServer({ now: () => new Date(clock.now), temporaryTtlSeconds: 600 });
    try {
      const { tokens } = freshClient(shortLived);
      const rotator = new TokenRotator({ tokens, now: () => clock.now, renewBefore: HOUR });
      const first = await rotator.get();
      clock.now += 299_000;
      expect(await rotator.get()).toEqual(first);
      clock.now += 2_000;
      expect((await rotator.get()).id).not.toBe(first.id);
    } finally {
      await shortLived.close();
    }
  });

  test("an aborted wait rejects that caller only", async () => {
    const { rotator } = setup();
    const controller = new AbortController();
    controller.abort();
    expect((await failure(rotator.get({ signal: controller.signal }))) as Error).toHaveProperty(
      "name",
      "AbortError",
    );
    expect(isPermanent(await rotator.get())).toBe(false);
  });

  test("a wait aborted before a failing renewal leaves no unhandled rejection behind", async () => {
    const { tokens } = freshClient(server);
    const source = switchableSource(tokens);
    source.state.down = true;
    const rotator = new TokenRotator({ tokens: source.source, now: () => clock.now });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const error = await failure(rotator.get({ signal: AbortSignal.abort() }));
      expect(error).toHaveProperty("name", "AbortError");
      // The renewal it started fails on its own (connection refused); give that failure time to surface.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  test("bad options are refused", () => {
    const { tokens } = freshClient(server);
    expect(() => new TokenRotator({ tokens, renewBefore: -1 })).toThrow(ValidationError);
    expect(() => new TokenRotator({ tokens: {} as RotatorTokenSource })).toThrow(ValidationError);
    expect(() => new TokenRotator({ tokens, retryDelay: 0 })).toThrow(ValidationError);
  });
});
