import { inspect } from "node:util";
import {
  errorBody,
  type FaultHandler,
  type FaultServer,
  json,
  reset,
  stallBody,
  stallHeaders,
  startFaultServer,
  TOKEN,
} from "@stream-tokens/testkit/fault-server";
import { afterEach, describe, expect, test } from "vitest";
import {
  AbortError,
  ConnectionError,
  CoreClient,
  type CoreClientOptions,
  InternalServerError,
  InvalidResponseError,
  RateLimitError,
  TimeoutError,
} from "../src/index.js";
import { failure } from "./support/failure.js";

const API_TOKEN = "at_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0";

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(handler: FaultHandler, options: Partial<CoreClientOptions> = {}) {
  server = await startFaultServer(handler);
  const client = new CoreClient({
    apiToken: API_TOKEN,
    baseUrl: server.url,
    initialRetryDelay: 10,
    maxRetryDelay: 40,
    ...options,
  });
  return { tokens: client.streams.tokens, received: server.received };
}

const unavailable: FaultHandler = (_request, response) =>
  json(response, 503, errorBody(1900, "Service unavailable."));

describe("a create is never sent twice without opt-in", () => {
  test("503: one request, InternalServerError with attempts 1", async () => {
    const { tokens, received } = await clientFor(unavailable);
    const error = await failure(tokens.create());
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(503);
    expect((error as InternalServerError).attempts).toBe(1);
    expect(received).toHaveLength(1);
  });

  test("reset connection: one request, ConnectionError with attempts 1", async () => {
    const { tokens, received } = await clientFor((_request, response) => reset(response));
    const error = await failure(tokens.create({ permanent: true }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).attempts).toBe(1);
    expect(received).toHaveLength(1);
  });

  test("stalled body: one request, TimeoutError with attempts 1", async () => {
    const { tokens, received } = await clientFor((_request, response) => stallBody(response), {
      timeout: 1000,
    });
    const error = await failure(tokens.create());
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).attempts).toBe(1);
    expect(received).toHaveLength(1);
  });

  test("429 with Retry-After: one request, RateLimitError carrying the wait", async () => {
    const { tokens, received } = await clientFor((_request, response) =>
      json(response, 429, errorBody(1500, "Too many requests."), { "retry-after": "1" }),
    );
    const error = await failure(tokens.create());
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(1);
    expect(received).toHaveLength(1);
  });

  test("opting in per call retries it; the error counts every attempt", async () => {
    const { tokens, received } = await clientFor(unavailable);
    const error = await failure(tokens.create({}, { retryCreate: true }));
    expect((error as InternalServerError).attempts).toBe(3);
    expect(received).toHaveLength(3);
    expect(received.every((request) => request.method === "POST")).toBe(true);
  });

  test("opting in on the client retries creates until one succeeds", async () => {
    const { tokens, received } = await clientFor(
      (_request, response, index) => (index < 2 ? reset(response) : json(response, 201, TOKEN)),
      { retryCreate: true },
    );
    const result = await tokens.raw.create();
    expect(result.data).toEqual(TOKEN);
    expect(result.attempts).toBe(3);
    expect(received).toHaveLength(3);
  });
});

describe("idempotent calls are retried on connection errors, 408, 429 and 5xx", () => {
  test("a 503 storm: 1 + maxRetries attempts, then InternalServerError saying so", async () => {
    const { tokens, received } = await clientFor(unavailable);
    const error = await failure(tokens.get(7));
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).attempts).toBe(3);
    expect((error as InternalServerError).errorCodes).toEqual([1900]);
    expect(received).toHaveLength(3);
  });

  test("maxRetries per call and per client", async () => {
    const { tokens, received } = await clientFor(unavailable, { maxRetries: 4 });
    expect(((await failure(tokens.list())) as InternalServerError).attempts).toBe(5);
    expect(((await failure(tokens.list({}, { maxRetries: 0 }))) as InternalServerError).attempts).toBe(1);
    expect(received).toHaveLength(6);
  });

  test.each([
    ["a reset", (response: Parameters<FaultHandler>[1]) => reset(response)],
    ["a 408", (response: Parameters<FaultHandler>[1]) => json(response, 408, errorBody(1, "Timeout."))],
    [
      "a 502 with an HTML body",
      (response: Parameters<FaultHandler>[1]) => response.writeHead(502).end("<h1>Bad gateway</h1>"),
    ],
  ])("%s, then success: the data arrives and attempts says 2", async (_name, fault) => {
    const { tokens, received } = await clientFor((_request, response, index) =>
      index === 0 ? fault(response) : json(response, 200, TOKEN),
    );
    const result = await tokens.raw.get(7);
    expect(result.data).toEqual(TOKEN);
    expect(result.attempts).toBe(2);
    expect(received).toHaveLength(2);
  });

  test("update, delete and deleteList are retried too", async () => {
    const { tokens, received } = await clientFor((request, response, index) => {
      if (index % 2 === 0) return unavailable(request, response, index);
      if (request.method === "PATCH") return json(response, 200, { ...TOKEN, is_active: false });
      response.writeHead(204).end();
    });
    expect((await tokens.update(7, { is_active: false })).is_active).toBe(false);
    await tokens.delete(7);
    await tokens.deleteList({ permanent: false });
    expect(received.map((request) => request.method)).toEqual([
      "PATCH",
      "PATCH",
      "DELETE",
      "DELETE",
      "DELETE",
      "DELETE",
    ]);
  });

  test("400, 401, 404 and 409 are not retried", async () => {
    for (const status of [400, 401, 404, 409]) {
      const { tokens, received } = await clientFor((_request, response) =>
        json(response, status, errorBody(1, "No.")),
      );
      const error = await failure(tokens.get(7));
      expect((error as InternalServerError).status).toBe(status);
      expect((error as InternalServerError).attempts).toBe(1);
      expect(received).toHaveLength(1);
      await server?.close();
      server = undefined;
    }
  });

  test("the default backoff waits from 0.5 s, doubling, with at most 25% jitter", async () => {
    const { tokens, received } = await clientFor(unavailable, {
      initialRetryDelay: 500,
      maxRetryDelay: 8000,
    });
    const started = performance.now();
    await failure(tokens.get(7));
    const elapsed = performance.now() - started;
    expect(received).toHaveLength(3);
    expect(elapsed).toBeGreaterThanOrEqual(0.75 * 500 + 0.75 * 1000);
  });
});

describe("Retry-After", () => {
  test("is honoured: the retry comes no earlier than asked", async () => {
    const { tokens, received } = await clientFor((_request, response, index) =>
      index === 0
        ? json(response, 429, errorBody(1500, "Too many requests."), { "retry-after": "1" })
        : json(response, 200, [TOKEN]),
    );
    const started = performance.now();
    const result = await tokens.raw.list();
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.attempts).toBe(2);
    expect(received).toHaveLength(2);
  });

  test("beyond the deadline fails at once with a RateLimitError carrying the wait", async () => {
    const { tokens, received } = await clientFor(
      (_request, response) => json(response, 429, errorBody(1500, "Slow down."), { "retry-after": "30" }),
      { deadline: 3000 },
    );
    const started = performance.now();
    const error = await failure(tokens.get(7));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(30);
    expect((error as RateLimitError).attempts).toBe(1);
    expect(received).toHaveLength(1);
  });

  test("beyond the cap (maxRetryAfter) is not waited for", async () => {
    const { tokens, received } = await clientFor((_request, response) =>
      json(response, 503, errorBody(1900, "Down."), { "retry-after": "120" }),
    );
    const error = await failure(tokens.get(7));
    expect((error as InternalServerError).attempts).toBe(1);
    expect(received).toHaveLength(1);
  });
});

describe("timeouts and deadlines", () => {
  test("a stalled body times out each attempt; every attempt is counted", async () => {
    const { tokens, received } = await clientFor((_request, response) => stallBody(response), {
      timeout: 500,
    });
    const error = await failure(tokens.get(7));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).limit).toBe("attempt");
    expect((error as TimeoutError).attempts).toBe(3);
    expect(received).toHaveLength(3);
  });

  test("the deadline ends the call, retries and waits included, within 2x the deadline", async () => {
    const { tokens } = await clientFor((_request, response) => stallHeaders(response), {
      timeout: 400,
      maxRetries: 10,
      deadline: 1000,
    });
    const started = performance.now();
    const error = await failure(tokens.list());
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).limit).toBe("deadline");
    expect((error as TimeoutError).attempts).toBeGreaterThanOrEqual(2);
  });

  test("a per-call deadline shorter than the timeout bounds a single stalled attempt", async () => {
    const { tokens } = await clientFor((_request, response) => stallBody(response));
    const started = performance.now();
    const error = await failure(tokens.get(7, { deadline: 500 }));
    expect(performance.now() - started).toBeLessThan(1000);
    expect((error as TimeoutError).limit).toBe("deadline");
  });
});

describe("AbortSignal", () => {
  test("aborting during a request ends it with an AbortError", async () => {
    const { tokens } = await clientFor((_request, response) => stallHeaders(response));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user left")), 100);
    const started = performance.now();
    const error = await failure(tokens.get(7, { signal: controller.signal }));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).attempts).toBe(1);
  });

  test("aborting during the wait between attempts ends it without another request", async () => {
    const controller = new AbortController();
    const { tokens, received } = await clientFor(
      (request, response, index) => {
        unavailable(request, response, index);
        // The client now waits 5 s before its retry; abort well inside that wait.
        setTimeout(() => controller.abort(), 300);
      },
      { initialRetryDelay: 5000, maxRetryDelay: 5000 },
    );
    const started = performance.now();
    const error = await failure(tokens.list({}, { signal: controller.signal }));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).attempts).toBe(1);
    expect(received).toHaveLength(1);
  });

  test("an already aborted signal sends nothing", async () => {
    const { tokens, received } = await clientFor(unavailable);
    const error = await failure(tokens.deleteList({}, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).attempts).toBe(0);
    expect(received).toHaveLength(0);
  });
});

describe("a fetch of your own that ignores the signal still ends within the limits", () => {
  // Sends the request for real, but drops the signal the client gives it.
  const deaf: typeof fetch = (input, init) => fetch(input, { ...init, signal: null });

  test("a stalled answer: the attempt's timeout ends it with a TimeoutError", async () => {
    const { tokens } = await clientFor((_request, response) => stallHeaders(response), { fetch: deaf });
    const started = performance.now();
    const error = await failure(tokens.get(7, { timeout: 200, maxRetries: 0 }));
    expect(performance.now() - started).toBeLessThan(1500);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).limit).toBe("attempt");
  });

  test("a stalled body: the timeout covers the body read", async () => {
    const { tokens } = await clientFor((_request, response) => stallBody(response), { fetch: deaf });
    const started = performance.now();
    const error = await failure(tokens.list({}, { timeout: 200, maxRetries: 1 }));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).attempts).toBe(2);
  });

  test("the deadline and the caller's signal end it too", async () => {
    const { tokens } = await clientFor((_request, response) => stallHeaders(response), { fetch: deaf });
    let started = performance.now();
    const late = await failure(tokens.list({}, { timeout: 5000, deadline: 300 }));
    expect(performance.now() - started).toBeLessThan(1500);
    expect((late as TimeoutError).limit).toBe("deadline");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    started = performance.now();
    const aborted = await failure(tokens.get(7, { signal: controller.signal }));
    expect(performance.now() - started).toBeLessThan(1500);
    expect(aborted).toBeInstanceOf(AbortError);
  });
});

describe("answers that break the contract", () => {
  test("a 200 that is not JSON is an InvalidResponseError, not retried", async () => {
    const { tokens, received } = await clientFor((_request, response) =>
      response.writeHead(200).end("<html>"),
    );
    const error = await failure(tokens.get(7));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(received).toHaveLength(1);
  });

  test("a 200 JSON that is not a token is an InvalidResponseError", async () => {
    const { tokens } = await clientFor((_request, response) => json(response, 200, { id: "7" }));
    expect(await failure(tokens.get(7))).toBeInstanceOf(InvalidResponseError);
  });
});

describe("secrets stay masked in errors", () => {
  test("a server echoing the api token and the key: message, toJSON, inspect and stack mask both", async () => {
    const { tokens, received } = await clientFor((request, response) =>
      json(
        response,
        404,
        {
          error_codes: [1200],
          message: `No token ${request.url} for ${request.headers.authorization}`,
          fields: [{ name: "id_or_key", message: `unknown ${TOKEN.key}`, error_code: 1200 }],
        },
        { "x-echo": String(request.headers.authorization) },
      ),
    );
    const error = await failure(tokens.get(TOKEN.key));
    expect(received[0]?.headers.authorization).toBe(`Token ${API_TOKEN}`);
    const shown = [
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      (error as Error).stack ?? "",
    ].join("\n");
    expect(shown).toContain("st_3q\u20269cJe");
    expect(shown).not.toContain(API_TOKEN);
    expect(shown).not.toContain(TOKEN.key);
  });
});
