import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CoreClient } from "@stream-tokens/core";
import { type RunningServer, startServer } from "stream-tokens-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadAllTokens } from "../src/token-loading.js";

let server: RunningServer;
let withoutTotal: Server;
let withoutTotalUrl = "";
beforeAll(async () => {
  server = await startServer({ db: ":memory:" });
  // The platform's contract does not promise X-Total-Count: a real proxy that drops it.
  withoutTotal = createServer((incoming, outgoing) => {
    const target = new URL(server.url);
    const forwarded = request(
      {
        host: target.hostname,
        port: target.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        const { "x-total-count": _total, ...headers } = answer.headers;
        outgoing.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => withoutTotal.listen(0, "127.0.0.1", resolve));
  withoutTotalUrl = `http://127.0.0.1:${(withoutTotal.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => withoutTotal.close(() => resolve()));
  await server.close();
});

function clientOf(baseUrl: string, apiToken: string) {
  const pages: number[] = [];
  const flight = { now: 0, most: 0 };
  const fetchAndCount: typeof fetch = async (input, init) => {
    const url = new URL(new Request(input, init).url);
    pages.push(Number(url.searchParams.get("offset")));
    flight.now += 1;
    flight.most = Math.max(flight.most, flight.now);
    try {
      return await fetch(input, init);
    } finally {
      flight.now -= 1;
    }
  };
  return {
    service: new CoreClient({ apiToken, baseUrl, fetch: fetchAndCount }).streams.tokens,
    pages,
    flight,
  };
}

it("reads every page, in the server's order; with X-Total-Count the pages after the first are asked for together", async () => {
  const apiToken = server.createAccount().account;
  server.insertTemporaryTokens(apiToken, 250);
  const expected = (
    await new CoreClient({ apiToken, baseUrl: server.url }).streams.tokens.listAll().toArray()
  ).map((token) => token.id);
  const { service, pages, flight } = clientOf(server.url, apiToken);
  const firstPages: number[] = [];
  const tokens = await loadAllTokens(service, {}, (first) => firstPages.push(first.length));
  expect(tokens.map((token) => token.id)).toEqual(expected);
  expect(firstPages).toEqual([100]);
  // Known total: offsets 100 and 200 asked for at once, and no page past the end.
  expect(pages).toEqual([0, 100, 200]);
  expect(flight.most).toBe(2);
});

it("a list that fills its last page ends there when the totals say so: no request past the end", async () => {
  const apiToken = server.createAccount().account;
  server.insertTemporaryTokens(apiToken, 300);
  const { service, pages } = clientOf(server.url, apiToken);
  const tokens = await loadAllTokens(service, {});
  expect(new Set(tokens.map((token) => token.id)).size).toBe(300);
  expect(pages).toEqual([0, 100, 200]);
});

it("without X-Total-Count (the platform need not send it) it reads page after page until a short one", async () => {
  const apiToken = server.createAccount().account;
  server.insertTemporaryTokens(apiToken, 200);
  const { service, pages, flight } = clientOf(withoutTotalUrl, apiToken);
  const tokens = await loadAllTokens(service, { permanent: false });
  expect(tokens).toHaveLength(200);
  expect(new Set(tokens.map((token) => token.id)).size).toBe(200);
  expect(pages).toEqual([0, 100, 200]);
  expect(flight.most).toBe(1);
});
