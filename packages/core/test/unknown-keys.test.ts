// A typo in plain JavaScript (no compiler to catch it) must be refused before anything is sent:
// `deleteList({ permanet: false })` once deleted every token, permanent ones included.
import { startFaultServer, TOKEN } from "@stream-tokens/testkit/fault-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CoreClient, ValidationError } from "../src/index.js";
import { TokenRotator } from "../src/rotator.js";
import { freshClient, type RunningServer, recordingFetch, startServer } from "./support/local-server.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

/** What a plain-JavaScript caller may pass: any object at all. */
type Loose = Record<string, unknown>;
const loose = (value: Loose) => value as never;

async function refusal(call: () => unknown): Promise<ValidationError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

describe("an unknown key is refused, naming it and the nearest known key, and nothing is sent", () => {
  test("deleteList({ permanet: false }) deletes nothing: the server still holds every token", async () => {
    const recorder = recordingFetch();
    const { tokens } = freshClient(server, { fetch: recorder.fetch });
    const temporary = await tokens.create();
    const permanent = await tokens.create({ permanent: true });
    const sentBefore = recorder.requests.length;

    const error = await refusal(() => tokens.deleteList(loose({ permanet: false })));
    expect(error.field).toBe("permanet");
    expect(error.message).toBe('permanet: is not a known key (did you mean "permanent"?)');
    expect(recorder.requests.length).toBe(sentBefore);

    const left = await tokens.list();
    expect(left.map((token) => token.id).sort()).toEqual([temporary.id, permanent.id].sort());
  });

  test("create({ permenant: true }) makes no token at all", async () => {
    const { tokens } = freshClient(server);
    const error = await refusal(() => tokens.create(loose({ permenant: true })));
    expect(error.message).toBe('permenant: is not a known key (did you mean "permanent"?)');
    expect(await tokens.list()).toEqual([]);
  });

  test.each([
    ["list", (t: CoreClient["streams"]["tokens"]) => t.list(loose({ limt: 5 })), "limt", "limit"],
    ["list", (t: CoreClient["streams"]["tokens"]) => t.list(loose({ Offset: 5 })), "Offset", "offset"],
    [
      "update",
      (t: CoreClient["streams"]["tokens"]) => t.update(1, loose({ is_active: true, isActive: false })),
      "isActive",
      "is_active",
    ],
    [
      "listAll",
      (t: CoreClient["streams"]["tokens"]) => t.listAll(loose({ pagesize: 10 })),
      "pagesize",
      "pageSize",
    ],
    [
      "listAll",
      (t: CoreClient["streams"]["tokens"]) => t.listAll(loose({ permanet: true })),
      "permanet",
      "permanent",
    ],
    [
      "get options",
      (t: CoreClient["streams"]["tokens"]) => t.get(1, loose({ timout: 10 })),
      "timout",
      "timeout",
    ],
    [
      "create options",
      (t: CoreClient["streams"]["tokens"]) => t.create({}, loose({ retrycreate: true })),
      "retrycreate",
      "retryCreate",
    ],
    [
      "list options",
      (t: CoreClient["streams"]["tokens"]) => t.list({}, loose({ maxRetry: 1 })),
      "maxRetry",
      "maxRetries",
    ],
    [
      "toArray",
      (t: CoreClient["streams"]["tokens"]) => t.listAll().toArray(loose({ maximum: 1 })),
      "maximum",
      "max",
    ],
  ])("%s: %s", async (_method, call, key, nearest) => {
    const recorder = recordingFetch();
    const { tokens } = freshClient(server, { fetch: recorder.fetch });
    const error = await refusal(() => call(tokens));
    expect(error.field).toBe(key);
    expect(error.message).toBe(`${key}: is not a known key (did you mean "${nearest}"?)`);
    expect(recorder.requests).toEqual([]);
  });

  test("a key near none of the known ones is answered with the list of known keys", async () => {
    const { tokens } = freshClient(server);
    const error = await refusal(() => tokens.list(loose({ colour: "red" })));
    expect(error.message).toBe("colour: is not a known key (known keys: permanent, limit, offset)");
  });

  test("listAll pages by itself: limit and offset are refused, with what to use instead", async () => {
    const { tokens } = freshClient(server);
    const error = await refusal(() => tokens.listAll(loose({ limit: 5 })));
    expect(error.message).toBe("limit: is not taken by listAll, which pages by itself (see pageSize)");
  });

  test("deleteList leaves out the parameters the spec deprecates (accepted and ignored by the server)", async () => {
    const { tokens } = freshClient(server);
    const error = await refusal(() => tokens.deleteList(loose({ offset: 0 })));
    expect(error.field).toBe("offset");
  });

  test("the client's options: an unknown one is refused before any request", () => {
    const make = () =>
      new CoreClient(loose({ apiToken: "k".repeat(40), baseUrl: server.url, maxRetires: 1 }));
    expect(make).toThrow(ValidationError);
    expect(make).toThrow('maxRetires: is not a known key (did you mean "maxRetries"?)');
  });

  test("the rotator's options and get({ signal }) refuse unknown keys too", async () => {
    const { tokens } = freshClient(server);
    expect(() => new TokenRotator(loose({ tokens, renewBefor: 1000 }))).toThrow(
      'renewBefor: is not a known key (did you mean "renewBefore"?)',
    );
    const rotator = new TokenRotator({ tokens });
    const error = await refusal(() => rotator.get(loose({ sigal: undefined })));
    expect(error.message).toBe('sigal: is not a known key (did you mean "signal"?)');
    expect(rotator.current).toBeUndefined();
  });
});

describe("undefined counts as absent (the params' and options' types allow it under exactOptionalPropertyTypes)", () => {
  test("list, create, deleteList and the rotator's get take an optional key set to undefined", async () => {
    const { tokens } = freshClient(server);
    const maybe: boolean | undefined = undefined;
    const noSignal: AbortSignal | undefined = undefined;
    const made = await tokens.create({ permanent: maybe });
    expect(made.expires).not.toBeNull();
    expect(await tokens.list({ permanent: maybe, limit: undefined, offset: undefined })).toHaveLength(1);
    const rotator = new TokenRotator({ tokens, renewBefore: undefined });
    expect((await rotator.get({ signal: noSignal })).key).toMatch(/^st_/);
    await tokens.deleteList({ permanent: maybe });
    expect(await tokens.list()).toEqual([]);
  });
});

describe("the generated check of a server's answer", () => {
  test("is strict on the fields it knows and hands the fields it does not know to the caller", async () => {
    const extra = { ...TOKEN, label: "camera 3", region: { name: "eu" } };
    const fake = await startFaultServer((request, response) => {
      response.writeHead(request.method === "POST" ? 201 : 200, { "content-type": "application/json" });
      response.end(JSON.stringify(request.url.includes("?") ? [extra] : extra));
    });
    try {
      const client = new CoreClient({ apiToken: "k".repeat(40), baseUrl: fake.url });
      expect(await client.streams.tokens.get(7)).toEqual(extra);
      expect(await client.streams.tokens.create()).toEqual(extra);
      expect(await client.streams.tokens.list()).toEqual([extra]);
    } finally {
      await fake.close();
    }
  });

  test("refuses an answer whose known field breaks the spec, naming the field", async () => {
    const fake = await startFaultServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify([TOKEN, { ...TOKEN, id: 8, expires: "tomorrow" }]));
    });
    try {
      const client = new CoreClient({ apiToken: "k".repeat(40), baseUrl: fake.url, maxRetries: 0 });
      await expect(client.streams.tokens.list()).rejects.toThrow(
        'the server\'s answer is not a list of stream tokens: [1].expires must be an ISO 8601 date-time or null, got "tomorrow"',
      );
    } finally {
      await fake.close();
    }
  });
});
