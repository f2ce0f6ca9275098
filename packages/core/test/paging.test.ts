import type { StreamToken } from "@stream-tokens/api-types";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ConnectionError } from "../src/index.js";
import { failure } from "./support/failure.js";
import { freshClient, type RunningServer, recordingFetch, startServer } from "./support/local-server.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

function ids(tokens: StreamToken[]): number[] {
  return tokens.map((token) => token.id);
}

describe("listAll", () => {
  test("yields every token once, fetching page by page and stopping on the short page", async () => {
    const recorder = recordingFetch();
    const { tokens, apiTokens } = freshClient(server, { fetch: recorder.fetch });
    server.insertTemporaryTokens(apiTokens.account, 250);
    const all = await tokens.listAll().toArray();
    expect(all).toHaveLength(250);
    expect(new Set(ids(all)).size).toBe(250);
    expect(recorder.requests.map((request) => new URL(request.url).search)).toEqual([
      "?limit=100&offset=0",
      "?limit=100&offset=100",
      "?limit=100&offset=200",
    ]);
  });

  test("an exact multiple of the page size ends with one empty page", async () => {
    const recorder = recordingFetch();
    const { tokens, apiTokens } = freshClient(server, { fetch: recorder.fetch });
    server.insertTemporaryTokens(apiTokens.account, 20);
    expect(await tokens.listAll({ pageSize: 10 }).toArray()).toHaveLength(20);
    expect(recorder.requests).toHaveLength(3);
  });

  test("is lazy: nothing is fetched before iteration, and breaking early stops fetching", async () => {
    const recorder = recordingFetch();
    const { tokens, apiTokens } = freshClient(server, { fetch: recorder.fetch });
    server.insertTemporaryTokens(apiTokens.account, 50);
    const pages = tokens.listAll({ pageSize: 10 });
    expect(recorder.requests).toHaveLength(0);
    let seen = 0;
    for await (const _token of pages) {
      if (++seen === 15) break;
    }
    expect(recorder.requests).toHaveLength(2);
  });

  test("toArray({ max }) returns at most max tokens and fetches no further page", async () => {
    const recorder = recordingFetch();
    const { tokens, apiTokens } = freshClient(server, { fetch: recorder.fetch });
    server.insertTemporaryTokens(apiTokens.account, 120);
    const first = await tokens.listAll({ pageSize: 25 }).toArray({ max: 30 });
    expect(first).toHaveLength(30);
    expect(recorder.requests).toHaveLength(2);
  });

  test("filters by permanence", async () => {
    const { tokens, apiTokens } = freshClient(server);
    server.insertTemporaryTokens(apiTokens.account, 7);
    await tokens.create({ permanent: true });
    await tokens.create({ permanent: true });
    expect(await tokens.listAll({ permanent: true }).toArray()).toHaveLength(2);
    expect(await tokens.listAll({ permanent: false }).toArray()).toHaveLength(7);
  });

  test.each([
    ["fewer than a page", 4],
    ["more than a page", 23],
  ])("never yields a token twice when %s are created while it runs", async (_name, created) => {
    const { tokens, apiTokens } = freshClient(server);
    server.insertTemporaryTokens(apiTokens.account, 35);
    const before = ids(await tokens.listAll().toArray());
    const yielded: StreamToken[] = [];
    let pagesSeen = 0;
    for await (const token of tokens.listAll({ pageSize: 10 })) {
      yielded.push(token);
      if (yielded.length % 10 === 0 && ++pagesSeen <= 2) {
        for (let index = 0; index < created; index++) await tokens.create();
      }
    }
    expect(new Set(ids(yielded)).size).toBe(yielded.length);
    const yieldedIds = new Set(ids(yielded));
    expect(before.every((id) => yieldedIds.has(id))).toBe(true);
  });

  test("an error on a later page surfaces from the iteration as a typed error", async () => {
    const own = await startServer();
    const { tokens, apiTokens } = freshClient(own, { maxRetries: 0 });
    own.insertTemporaryTokens(apiTokens.account, 15);
    const iterator = tokens.listAll({ pageSize: 10 })[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    await own.close();
    const error = await failure(
      (async () => {
        for (;;) if ((await iterator.next()).done) return;
      })(),
    );
    expect(error).toBeInstanceOf(ConnectionError);
  });
});
