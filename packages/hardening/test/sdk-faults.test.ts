import { type Fault, FaultProxy } from "@stream-tokens/testkit/fault-proxy";
import { demoTokens, useStarted } from "@stream-tokens/testkit/fixtures";
import {
  Client,
  ConnectionError,
  InternalServerError,
  RateLimitError,
  StreamTokensError,
  TimeoutError,
} from "stream-tokens";
import { startServer } from "stream-tokens-server";
import { describe, expect, it } from "vitest";

const FAULTS: Fault[] = ["pass", "reset-before", "reset-after", "stall", "slow-body", "503", "429-days"];
const TIMEOUT_MS = 400;
const DEADLINE_MS = 2_500;
/** Scheduling slack on a loaded 2-core machine; the bound is about hangs, not speed. */
const SLACK_MS = 1_500;
/** The typed error a call must end with when every attempt meets the fault. */
const EXPECTED_ERROR: Record<Exclude<Fault, "pass">, abstract new (...args: never[]) => StreamTokensError> = {
  "reset-before": ConnectionError,
  "reset-after": ConnectionError,
  stall: TimeoutError,
  "slow-body": TimeoutError,
  "503": InternalServerError,
  "429-days": RateLimitError,
};

let nextFaults: Fault[] = [];
const server = useStarted(() => startServer({ seed: true }));
const proxy = useStarted(() => FaultProxy.start(server().url, () => nextFaults.shift() ?? "pass"));

function client(): Client {
  return new Client({
    apiToken: demoTokens(server()).account,
    baseUrl: proxy().url,
    timeout: TIMEOUT_MS,
    maxRetries: 2,
    deadline: DEADLINE_MS,
  });
}

type Outcome = { error?: unknown; elapsed: number };

async function timed(call: () => Promise<unknown>): Promise<Outcome> {
  const start = performance.now();
  try {
    await call();
    return { elapsed: performance.now() - start };
  } catch (error) {
    return { error, elapsed: performance.now() - start };
  }
}

describe("the SDK through a fault-injecting proxy in front of the real server", () => {
  it("ends every call within its deadline with a typed error, for every fault and every operation", async () => {
    const c = client();
    const seed = await c.streams.tokens.create({ permanent: false });
    const operations: Array<[string, () => Promise<unknown>]> = [
      ["get", () => c.streams.tokens.get(seed.id)],
      ["list", () => c.streams.tokens.list({ limit: 5 })],
      ["update", () => c.streams.tokens.update(seed.id, { is_active: true })],
      ["create", () => c.streams.tokens.create({ permanent: false })],
    ];
    const report: string[] = [];
    for (const fault of FAULTS) {
      for (const [name, call] of operations) {
        nextFaults = [fault, fault, fault];
        const { error, elapsed } = await timed(call);
        nextFaults = [];
        if (elapsed > DEADLINE_MS + SLACK_MS) report.push(`${fault} ${name}: took ${Math.round(elapsed)} ms`);
        if (fault === "pass") {
          if (error !== undefined) report.push(`pass ${name}: ${String(error)}`);
          continue;
        }
        if (!(error instanceof StreamTokensError))
          report.push(`${fault} ${name}: ${String(error)} is untyped`);
        const expected = EXPECTED_ERROR[fault];
        if (!(error instanceof expected))
          report.push(`${fault} ${name}: ${String(error)}, expected ${expected.name}`);
        if (fault === "429-days" && elapsed > SLACK_MS)
          report.push(
            `429-days ${name}: waited ${Math.round(elapsed)} ms for a Retry-After beyond the deadline`,
          );
      }
    }
    expect(report).toEqual([]);
  });

  it("never sends a create twice, whatever happens to the first one", async () => {
    const c = client();
    const duplicates: string[] = [];
    for (const fault of FAULTS) {
      for (let i = 0; i < 3; i++) {
        const before = proxy().forwardedPosts;
        nextFaults = [fault, fault, fault];
        await timed(() => c.streams.tokens.create({ permanent: false }));
        nextFaults = [];
        const sent = proxy().forwardedPosts - before;
        if (sent > 1) duplicates.push(`${fault}: the create reached the server ${sent} times`);
      }
    }
    expect(duplicates).toEqual([]);
  });

  it("retries idempotent calls through a 503 storm and succeeds once it passes", async () => {
    const c = client();
    nextFaults = ["503", "reset-before"];
    const page = await c.streams.tokens.list({ limit: 1 });
    expect(page.length).toBeLessThanOrEqual(1);
    expect(nextFaults).toEqual([]);
  });
});
