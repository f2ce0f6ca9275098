import fc from "fast-check";
import { Client, ValidationError } from "stream-tokens";
import { describe, expect, it } from "vitest";
import { profile } from "./support/profile.js";

/** No bad argument may reach the network: this fetch only counts what would have been sent. */
function clientCountingRequests() {
  const sent: string[] = [];
  const client = new Client({
    apiToken: "at_hardening",
    baseUrl: "http://127.0.0.1:9",
    maxRetries: 0,
    fetch: async (input) => {
      sent.push(String(input instanceof Request ? input.url : input));
      return new Response("[]", { status: 200, headers: { "content-type": "application/json" } });
    },
  });
  return { client, sent };
}

const notABoolean = fc.oneof(
  fc.constantFrom(null, 0, 1, "true", "false", "", [], {}, Number.NaN),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.object(),
);
const notALimit = fc.oneof(
  fc.constantFrom(0, -1, 101, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "20", null, true, 2 ** 53),
  fc.integer({ max: 0 }),
  fc.integer({ min: 101 }),
  fc.double().filter((x) => !Number.isInteger(x)),
  fc.string(),
);
const notAnOffset = fc.oneof(
  fc.constantFrom(-1, 0.5, Number.NaN, Number.NEGATIVE_INFINITY, "0", null, false),
  fc.integer({ max: -1 }),
  fc.double().filter((x) => !Number.isInteger(x) || x < 0),
  fc.string(),
);
const notAnIdOrKey = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    2 ** 53 + 2,
    "",
    "0",
    "000",
    ".",
    "..",
    null,
    true,
    [],
    {},
  ),
  fc.integer({ max: 0 }),
  fc.string({ minLength: 1, maxLength: 20 }).map((s) => `${s}\u0000`),
  fc.string({ minLength: 1, maxLength: 20 }).map((s) => ` ${s}`),
  fc.constant("k".repeat(600)),
  fc.constant("99999999999999999999999"),
);

type Call = (client: Client) => Promise<unknown>;

const badCalls: fc.Arbitrary<{ name: string; call: Call }> = fc.oneof(
  notABoolean.map((permanent) => ({
    name: `create({ permanent: ${fc.stringify(permanent)} })`,
    call: (c: Client) => c.streams.tokens.create({ permanent } as never),
  })),
  fc
    .record({ limit: notALimit, offset: fc.option(notAnOffset, { nil: undefined }) })
    .map(({ limit, offset }) => ({
      name: `list({ limit: ${fc.stringify(limit)}, offset: ${fc.stringify(offset)} })`,
      call: (c: Client) => c.streams.tokens.list({ limit, offset } as never),
    })),
  notAnOffset.map((offset) => ({
    name: `list({ offset: ${fc.stringify(offset)} })`,
    call: (c: Client) => c.streams.tokens.list({ offset } as never),
  })),
  notABoolean.map((permanent) => ({
    name: `list({ permanent: ${fc.stringify(permanent)} })`,
    call: (c: Client) => c.streams.tokens.list({ permanent } as never),
  })),
  notAnIdOrKey.map((idOrKey) => ({
    name: `get(${fc.stringify(idOrKey)})`,
    call: (c: Client) => c.streams.tokens.get(idOrKey as never),
  })),
  notAnIdOrKey.map((idOrKey) => ({
    name: `delete(${fc.stringify(idOrKey)})`,
    call: (c: Client) => c.streams.tokens.delete(idOrKey as never),
  })),
  fc
    .oneof(
      notAnIdOrKey.map((idOrKey) => [idOrKey, true] as const),
      notABoolean.map((active) => [7, active] as const),
    )
    .map(([idOrKey, active]) => ({
      name: `update(${fc.stringify(idOrKey)}, { is_active: ${fc.stringify(active)} })`,
      call: (c: Client) => c.streams.tokens.update(idOrKey as never, { is_active: active } as never),
    })),
  notABoolean.map((permanent) => ({
    name: `deleteList({ permanent: ${fc.stringify(permanent)} })`,
    call: (c: Client) => c.streams.tokens.deleteList({ permanent } as never),
  })),
);

describe("the SDK under bad arguments", () => {
  it(`refuses ${profile.sdkBadArguments} generated bad calls with a ValidationError before any request`, async () => {
    const { client, sent } = clientCountingRequests();
    await fc.assert(
      fc.asyncProperty(badCalls, async ({ name, call }) => {
        const outcome = await call(client).then(
          () => "resolved",
          (error: unknown) => error,
        );
        if (!(outcome instanceof ValidationError))
          throw new Error(`${name} gave ${fc.stringify(outcome)}, not a ValidationError`);
        expect(outcome.field.length).toBeGreaterThan(0);
      }),
      { numRuns: profile.sdkBadArguments },
    );
    expect(sent).toEqual([]);
  });

  it("sends the good calls that stand next to them (the counting fetch does see requests)", async () => {
    const { client, sent } = clientCountingRequests();
    await client.streams.tokens.list({ limit: 100, offset: 0, permanent: false });
    expect(sent).toHaveLength(1);
  });
});
