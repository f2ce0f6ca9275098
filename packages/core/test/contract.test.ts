import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  CoreClient,
  isExpired,
  isPermanent,
  NotFoundError,
  RateLimitError,
  StreamTokensError,
  timeLeft,
} from "../src/index.js";
import { failure } from "./support/failure.js";
import { freshClient, type RunningServer, recordingFetch, startServer } from "./support/local-server.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

describe("every method against the local server", () => {
  test("create makes a temporary token by default and a permanent one on request", async () => {
    const { tokens } = freshClient(server);
    const temporary = await tokens.create();
    expect(isPermanent(temporary)).toBe(false);
    expect(temporary.is_active).toBe(true);
    const left = timeLeft(temporary);
    expect(left).toBeGreaterThan(23 * 3600_000);
    expect(left).toBeLessThanOrEqual(24 * 3600_000);
    expect(isExpired(temporary)).toBe(false);
    const permanent = await tokens.create({ permanent: true });
    expect(permanent.expires).toBeNull();
    expect(isPermanent(permanent)).toBe(true);
    expect(timeLeft(permanent)).toBeNull();
  });

  test("list filters by permanence and pages by limit and offset", async () => {
    const { tokens } = freshClient(server);
    const made = [];
    for (let index = 0; index < 3; index++) made.push(await tokens.create());
    for (let index = 0; index < 2; index++) made.push(await tokens.create({ permanent: true }));
    expect(await tokens.list()).toHaveLength(5);
    expect((await tokens.list({ permanent: true })).every(isPermanent)).toBe(true);
    expect(await tokens.list({ permanent: true })).toHaveLength(2);
    expect(await tokens.list({ permanent: false })).toHaveLength(3);
    const firstTwo = await tokens.list({ limit: 2 });
    const nextTwo = await tokens.list({ limit: 2, offset: 2 });
    expect(firstTwo).toHaveLength(2);
    expect(nextTwo).toHaveLength(2);
    const ids = new Set([...firstTwo, ...nextTwo].map((token) => token.id));
    expect(ids.size).toBe(4);
    expect(await tokens.list({ offset: 5 })).toEqual([]);
  });

  test("get finds a token by id, by id as digits and by key", async () => {
    const { tokens } = freshClient(server);
    const token = await tokens.create();
    expect(await tokens.get(token.id)).toEqual(token);
    expect(await tokens.get(String(token.id))).toEqual(token);
    expect(await tokens.get(token.key)).toEqual(token);
  });

  test("update switches a token off and on (PATCH with a form body)", async () => {
    const recorder = recordingFetch();
    const { tokens } = freshClient(server, { fetch: recorder.fetch });
    const token = await tokens.create();
    const off = await tokens.update(token.id, { is_active: false });
    expect(off.is_active).toBe(false);
    expect((await tokens.get(token.id)).is_active).toBe(false);
    expect((await tokens.update(token.key, { is_active: true })).is_active).toBe(true);
    const patch = recorder.requests.find((request) => request.method === "PATCH");
    expect(patch?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(await patch?.text()).toBe("is_active=false");
  });

  test("delete removes one token; a second delete is a NotFoundError", async () => {
    const { tokens } = freshClient(server);
    const token = await tokens.create();
    await tokens.delete(token.id);
    expect(await failure(tokens.get(token.id))).toBeInstanceOf(NotFoundError);
    expect(await failure(tokens.delete(token.id))).toBeInstanceOf(NotFoundError);
  });

  test("deleteList deletes temporary, permanent or all tokens", async () => {
    const { tokens } = freshClient(server);
    await tokens.create();
    await tokens.create();
    await tokens.create({ permanent: true });
    await tokens.deleteList({ permanent: false });
    expect((await tokens.list()).map(isPermanent)).toEqual([true]);
    await tokens.create();
    await tokens.deleteList({ permanent: true });
    expect((await tokens.list()).map(isPermanent)).toEqual([false]);
    await tokens.create({ permanent: true });
    await tokens.deleteList();
    expect(await tokens.list()).toEqual([]);
  });

  test("raw variants give the Response next to the data", async () => {
    const { tokens } = freshClient(server);
    const created = await tokens.raw.create();
    expect(created.response.status).toBe(201);
    expect(created.attempts).toBe(1);
    const listed = await tokens.raw.list();
    expect(listed.response.status).toBe(200);
    expect(listed.data).toEqual([created.data]);
    expect((await tokens.raw.get(created.data.id)).data).toEqual(created.data);
    expect((await tokens.raw.update(created.data.id, { is_active: false })).response.status).toBe(200);
    expect((await tokens.raw.delete(created.data.id)).response.status).toBe(204);
    expect((await tokens.raw.deleteList()).response.status).toBe(204);
  });

  test("requests carry the auth header, the User-Agent, and go through the custom fetch", async () => {
    const recorder = recordingFetch();
    const { tokens, apiTokens } = freshClient(server, { fetch: recorder.fetch });
    await tokens.list();
    const [request] = recorder.requests;
    expect(request?.headers.get("authorization")).toBe(`Token ${apiTokens.account}`);
    expect(request?.headers.get("user-agent")).toMatch(/^stream-tokens\/\d+\.\d+\.\d+$/);
    expect(request?.url).toBe(`${server.url}/v1/streams/tokens/?limit=20&offset=0`);
  });

  test("a custom fetch gets headers of its own: changing them leaves later requests as they were", async () => {
    let calls = 0;
    const tampering: typeof fetch = (input, init) => {
      calls++;
      const headers = init?.headers;
      if (calls === 1 && typeof headers === "object" && headers !== null && !Array.isArray(headers)) {
        Reflect.set(headers, "Authorization", "Token tampered");
      }
      return fetch(input, init);
    };
    const { tokens } = freshClient(server, { fetch: tampering, maxRetries: 0 });
    expect(await failure(tokens.list())).toBeInstanceOf(AuthenticationError);
    expect(await tokens.list()).toEqual([]);
  });

  test("the global fetch is looked up per request: one replaced after the client was made is used", async () => {
    const { tokens } = freshClient(server);
    const original = globalThis.fetch;
    const seen: string[] = [];
    globalThis.fetch = (input, init) => {
      seen.push(String(input));
      return original(input, init);
    };
    try {
      await tokens.list();
    } finally {
      globalThis.fetch = original;
    }
    expect(seen).toEqual([`${server.url}/v1/streams/tokens/?limit=20&offset=0`]);
  });

  test("bodies leave with their content type: JSON for a create, a form for an update", async () => {
    const recorder = recordingFetch();
    const { tokens } = freshClient(server, { fetch: recorder.fetch });
    const created = await tokens.create({ permanent: false });
    await tokens.update(created.id, { is_active: false });
    const [create, update] = recorder.requests;
    expect(create?.headers.get("content-type")).toBe("application/json");
    expect(await create?.text()).toBe('{"permanent":false}');
    expect(update?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(await update?.text()).toBe("is_active=false");
    expect(update?.headers.get("authorization")).toMatch(/^Token /);
  });

  test("a space api token sees only its space's tokens", async () => {
    const { client, apiTokens } = freshClient(server);
    const space = new CoreClient({ apiToken: apiTokens.space, baseUrl: server.url });
    const inAccount = await client.streams.tokens.create();
    expect(await space.streams.tokens.list()).toEqual([]);
    expect(await failure(space.streams.tokens.get(inAccount.id))).toBeInstanceOf(NotFoundError);
  });
});

describe("each failure the server can produce arrives as its documented error class", () => {
  test("404: NotFoundError for an unknown id, an unknown key, another account's token", async () => {
    const { tokens } = freshClient(server);
    const other = freshClient(server).tokens;
    const theirs = await other.create();
    for (const call of [
      () => tokens.get(987654321),
      () => tokens.get("st_no_such_key_anywhere"),
      () => tokens.update(987654321, { is_active: false }),
      () => tokens.delete(theirs.id),
      () => tokens.get(theirs.key),
    ]) {
      const error = await failure(call());
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toBeInstanceOf(APIError);
      expect(error).toBeInstanceOf(StreamTokensError);
      expect((error as NotFoundError).status).toBe(404);
      expect((error as NotFoundError).errorCodes.length).toBeGreaterThan(0);
      expect((error as NotFoundError).attempts).toBe(1);
    }
    expect(await other.get(theirs.id)).toEqual(theirs);
  });

  test("401: AuthenticationError for an unknown api token, with the token masked", async () => {
    const apiToken = "at_this_token_does_not_exist_anywhere_00";
    const client = new CoreClient({ apiToken, baseUrl: server.url });
    const error = await failure(client.streams.tokens.list());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect(JSON.stringify(error)).not.toContain(apiToken);
  });

  test("409: ConflictError for a sixth permanent token, with the field at fault", async () => {
    const { tokens } = freshClient(server);
    for (let index = 0; index < 5; index++) await tokens.create({ permanent: true });
    const error = await failure(tokens.create({ permanent: true }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).status).toBe(409);
    expect((error as ConflictError).fields.map((field) => field.name)).toContain("permanent");
    expect(await tokens.list({ permanent: true })).toHaveLength(5);
  });

  test("400: BadRequestError with fields, when a request gets past validation (changed in flight)", async () => {
    const tooLarge: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      url.searchParams.set("limit", "1000");
      return fetch(new Request(url, request));
    };
    const { tokens } = freshClient(server, { fetch: tooLarge });
    const error = await failure(tokens.list());
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).fields.map((field) => field.name)).toContain("limit");
  });

  test("415 (and other statuses without a class): a plain APIError", async () => {
    const plainText: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      const headers = new Headers(request.headers);
      headers.set("content-type", "text/plain");
      return fetch(request.url, { method: request.method, headers, body: "permanent" });
    };
    const { tokens } = freshClient(server, { fetch: plainText });
    const error = await failure(tokens.create());
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(BadRequestError);
    expect((error as APIError).status).toBe(415);
  });

  test("429: RateLimitError with retryAfter after too many failed authentications", async () => {
    const limited = await startServer({ authFailuresPerMinute: 2 });
    try {
      const client = new CoreClient({ apiToken: "at_wrong_token_for_rate_limit", baseUrl: limited.url });
      expect(await failure(client.streams.tokens.list())).toBeInstanceOf(AuthenticationError);
      expect(await failure(client.streams.tokens.list())).toBeInstanceOf(AuthenticationError);
      const started = performance.now();
      const error = await failure(client.streams.tokens.list({}, { deadline: 5000 }));
      expect(performance.now() - started).toBeLessThan(5000);
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryAfter).toBeGreaterThan(0);
      expect((error as RateLimitError).attempts).toBe(1);
    } finally {
      await limited.close();
    }
  });
});
