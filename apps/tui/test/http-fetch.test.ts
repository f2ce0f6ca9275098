import { ConnectionError, CoreClient, NotFoundError } from "@stream-tokens/core";
import { stallBody, stallHeaders, startFaultServer } from "@stream-tokens/testkit/fault-server";
import { type RunningServer, startServer } from "stream-tokens-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { httpFetch } from "../src/http-fetch.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ db: ":memory:" });
});
afterAll(async () => {
  await server.close();
});

const clientOf = (apiToken: string, baseUrl = server.url, timeout?: number) =>
  new CoreClient({ apiToken, baseUrl, fetch: httpFetch, maxRetries: 0, ...(timeout ? { timeout } : {}) })
    .streams.tokens;

it("a GET answers what the global fetch answers: status, headers and body", async () => {
  const apiToken = server.createAccount().account;
  server.insertTemporaryTokens(apiToken, 150);
  const url = `${server.url}/v1/streams/tokens/?limit=100&offset=0`;
  const headers = { Authorization: `Token ${apiToken}`, Accept: "application/json" };
  const [ours, theirs] = await Promise.all([httpFetch(url, { headers }), fetch(url, { headers })]);
  expect(ours.status).toBe(theirs.status);
  expect(ours.headers.get("x-total-count")).toBe("150");
  expect(ours.headers.get("content-type")).toBe(theirs.headers.get("content-type"));
  expect(await ours.json()).toEqual(await theirs.json());
});

it("through core: list, and the writes (not GETs, so the global fetch's) reach the server", async () => {
  const apiToken = server.createAccount().account;
  const tokens = clientOf(apiToken);
  const created = await tokens.create({});
  await tokens.update(created.id, { is_active: false });
  expect((await tokens.list()).map((token) => [token.id, token.is_active])).toEqual([[created.id, false]]);
  await tokens.delete(created.id);
  await expect(tokens.get(created.id)).rejects.toBeInstanceOf(NotFoundError);
});

it("an error answer keeps its body: core reads the server's message and code", async () => {
  const apiToken = server.createAccount().account;
  await expect(clientOf(apiToken).get("424242")).rejects.toMatchObject({ status: 404, errorCodes: [1200] });
});

it("no server there: fails as fetch fails, a ConnectionError naming ECONNREFUSED", async () => {
  const gone = await startFaultServer(() => {});
  const url = gone.url;
  await gone.close();
  const failure = clientOf("at_xxxxxxxxxxxxxxxxxxxx", url).list();
  await expect(failure).rejects.toBeInstanceOf(ConnectionError);
  await expect(failure).rejects.toThrow(/ECONNREFUSED/);
});

it("an answer that never comes, or stops halfway, ends at core's timeout", async () => {
  for (const handler of [stallHeaders, stallBody]) {
    const stalled = await startFaultServer((_request, response) => handler(response));
    try {
      await expect(clientOf("at_xxxxxxxxxxxxxxxxxxxx", stalled.url, 300).list()).rejects.toThrow(
        /timed out|timeout/i,
      );
    } finally {
      await stalled.close();
    }
  }
});

it("a redirect goes to the global fetch: it ends as it would have without this fetch", async () => {
  const apiToken = server.createAccount().account;
  const moved = await startFaultServer((request, response) => {
    response.writeHead(301, { location: `${server.url}${request.url}` });
    response.end();
  });
  try {
    // Another origin: fetch follows the redirect without the Authorization header, so 401 either way.
    const plain = new CoreClient({ apiToken, baseUrl: moved.url, maxRetries: 0 }).streams.tokens;
    const [ours, theirs] = await Promise.allSettled([clientOf(apiToken, moved.url).list(), plain.list()]);
    expect(ours.status).toBe("rejected");
    expect(theirs.status).toBe("rejected");
    if (ours.status === "rejected" && theirs.status === "rejected") {
      expect(ours.reason).toMatchObject({ status: 401 });
      expect(String(ours.reason)).toBe(String(theirs.reason));
    }
    expect(moved.received.filter((request) => request.method === "GET")).toHaveLength(3);
  } finally {
    await moved.close();
  }
});
