import { describe, expect, test } from "vitest";
import { CoreClient, ValidationError } from "../src/index.js";

/** A client whose fetch records every request: validation must fail before any is sent. */
function recordingClient() {
  const sent: string[] = [];
  const recordingFetch: typeof fetch = async (input) => {
    sent.push(input instanceof Request ? input.url : String(input));
    return new Response("[]", { status: 200, headers: { "content-type": "application/json" } });
  };
  const client = new CoreClient({
    apiToken: "k".repeat(40),
    baseUrl: "http://127.0.0.1:9",
    fetch: recordingFetch,
  });
  return { tokens: client.streams.tokens, sent };
}

async function rejection(promise: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("bad input is refused with a ValidationError before any request", () => {
  const cases: Array<[string, (tokens: CoreClient["streams"]["tokens"]) => unknown, string]> = [
    ["limit 0", (t) => t.list({ limit: 0 }), "limit"],
    ["limit 101", (t) => t.list({ limit: 101 }), "limit"],
    ["limit 2.5", (t) => t.list({ limit: 2.5 }), "limit"],
    ["limit as a string", (t) => t.list({ limit: "10" as unknown as number }), "limit"],
    ["offset -1", (t) => t.list({ offset: -1 }), "offset"],
    ["offset NaN", (t) => t.list({ offset: Number.NaN }), "offset"],
    ["permanent as a string", (t) => t.list({ permanent: "false" as unknown as boolean }), "permanent"],
    ["create permanent as a number", (t) => t.create({ permanent: 1 as unknown as boolean }), "permanent"],
    ["id 0", (t) => t.get(0), "idOrKey"],
    ["id -3", (t) => t.get(-3), "idOrKey"],
    ["id 1.5", (t) => t.get(1.5), "idOrKey"],
    ["empty key", (t) => t.get(""), "idOrKey"],
    ["key '..'", (t) => t.get(".."), "idOrKey"],
    ["key '.'", (t) => t.delete("."), "idOrKey"],
    ["key with a newline", (t) => t.get("st_abc\n"), "idOrKey"],
    ["all-zero digits", (t) => t.get("000"), "idOrKey"],
    ["missing is_active", (t) => t.update(1, {} as { is_active: boolean }), "is_active"],
    ["is_active as a string", (t) => t.update(1, { is_active: "true" as unknown as boolean }), "is_active"],
    [
      "deleteList permanent null",
      (t) => t.deleteList({ permanent: null as unknown as boolean }),
      "permanent",
    ],
    ["timeout 0", (t) => t.get(1, { timeout: 0 }), "timeout"],
    ["maxRetries -1", (t) => t.get(1, { maxRetries: -1 }), "maxRetries"],
    ["deadline 0", (t) => t.list({}, { deadline: 0 }), "deadline"],
    ["signal not an AbortSignal", (t) => t.get(1, { signal: {} as AbortSignal }), "signal"],
    [
      "retryCreate as a string",
      (t) => t.create({}, { retryCreate: "yes" as unknown as boolean }),
      "retryCreate",
    ],
    ["params not an object", (t) => t.list("all" as unknown as { limit: number }), "params"],
    ["listAll pageSize 500", (t) => t.listAll({ pageSize: 500 }), "pageSize"],
    ["toArray max 0", (t) => t.listAll().toArray({ max: 0 }), "max"],
  ];

  test.each(cases)("%s", async (_name, call, field) => {
    const { tokens, sent } = recordingClient();
    const error = await rejection(() => call(tokens));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    expect(sent).toEqual([]);
  });

  test("a key is path-encoded, so it cannot leave the token's path", async () => {
    const { tokens, sent } = recordingClient();
    await rejection(tokens.get("../../v1/other?x=1#y"));
    expect(sent).toEqual(["http://127.0.0.1:9/v1/streams/tokens/..%2F..%2Fv1%2Fother%3Fx%3D1%23y/"]);
  });
});

describe("client options are checked when the client is made", () => {
  test.each([
    ["no api token", { apiToken: "", baseUrl: "http://x" }, "apiToken"],
    ["api token with a space", { apiToken: "a b", baseUrl: "http://x" }, "apiToken"],
    ["base URL not a URL", { apiToken: "abc", baseUrl: "api.neuroio.com" }, "baseUrl"],
    ["base URL with ftp", { apiToken: "abc", baseUrl: "ftp://x" }, "baseUrl"],
    ["timeout negative", { apiToken: "abc", baseUrl: "http://x", timeout: -1 }, "timeout"],
    ["maxRetries 1.5", { apiToken: "abc", baseUrl: "http://x", maxRetries: 1.5 }, "maxRetries"],
  ])("%s", async (_name, options, field) => {
    const error = await rejection(() => new CoreClient(options));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
  });
});
