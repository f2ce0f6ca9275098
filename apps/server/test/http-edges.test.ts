import { describe, expect, it } from "vitest";
import { MAX_TEMPORARY_TTL_SECONDS, startServer } from "../src/index.js";
import { contract, errorCodesOf, type HttpResponse, rawRequest, TokenApi } from "./http.js";
import { exchange, type ParsedAnswer, parseAnswers } from "./raw-socket.js";
import { demoTokens, useServer } from "./servers.js";

const server = useServer();

const api = () => new TokenApi(server().url, demoTokens(server()).account);
const authorization = () => `Authorization: Token ${demoTokens(server()).account}\r\n`;

/** One request written as raw bytes, answered on a connection the server then closes. */
async function rawAnswer(bytes: string): Promise<ParsedAnswer> {
  const answers = parseAnswers(await exchange(server().url, bytes));
  expect(answers).toHaveLength(1);
  const [answer] = answers;
  if (!answer) throw new Error("no answer");
  return answer;
}

/** Status, error code and the error body of an answer read off the socket. */
function expectRawError(answer: ParsedAnswer, status: number, code: number): void {
  expect(answer.status, answer.body).toBe(status);
  const body: unknown = JSON.parse(answer.body);
  contract.assertErrorBody(status, body);
  expect(body).toMatchObject({ error_codes: [code] });
}

function expectError(response: HttpResponse, status: number, code: number): void {
  expect(response.status, response.text).toBe(status);
  expect(errorCodesOf(response)).toEqual([code]);
}

describe("answers of 400 or more carry the error body", () => {
  it("Expect other than 100-continue: 417 / 1003", async () => {
    const answer = await rawAnswer(
      `GET /v1/streams/tokens/ HTTP/1.1\r\nHost: x\r\n${authorization()}Expect: bogus\r\nConnection: close\r\n\r\n`,
    );
    expectRawError(answer, 417, 1003);
  });

  it("an HTTP/1.1 request without Host: 400 / 1001; HTTP/1.0 needs none", async () => {
    const answer = await rawAnswer(
      `GET /v1/streams/tokens/ HTTP/1.1\r\n${authorization()}Connection: close\r\n\r\n`,
    );
    expectRawError(answer, 400, 1001);
    const old = await rawAnswer(`GET /healthz HTTP/1.0\r\n\r\n`);
    expect(old.status).toBe(200);
  });

  it("CONNECT: 405 / 1202 with Allow", async () => {
    const answer = await rawAnswer("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
    expectRawError(answer, 405, 1202);
    expect(answer.headers.allow?.split(", ").sort()).toEqual([
      "DELETE",
      "GET",
      "HEAD",
      "PATCH",
      "POST",
      "PUT",
    ]);
  });

  it("QUERY and SEARCH, methods this API does not serve: both 405 / 1202 with the same Allow", async () => {
    const headers = { authorization: `Token ${demoTokens(server()).account}` };
    const query = await rawRequest(server().url, { method: "QUERY", path: "/v1/streams/tokens/", headers });
    const search = await rawRequest(server().url, { method: "SEARCH", path: "/v1/streams/tokens/", headers });
    expectError(query, 405, 1202);
    expectError(search, 405, 1202);
    expect(query.headers.allow).toBe(search.headers.allow);
    expect(String(query.headers.allow).split(", ").sort()).toEqual(["DELETE", "GET", "HEAD", "POST"]);
  });

  it.each(["/healthz", "/openapi.yaml", "/docs", "/docs/"])(
    "POST and OPTIONS on %s: 405 / 1202 with Allow: GET, HEAD",
    async (path) => {
      for (const method of ["POST", "OPTIONS"]) {
        const response = await rawRequest(server().url, {
          method,
          path,
          headers: { "content-type": "application/json" },
          body: "{}",
        });
        expectError(response, 405, 1202);
        expect(response.headers.allow).toBe("GET, HEAD");
      }
      expect((await rawRequest(server().url, { method: "GET", path })).status).toBeLessThan(400);
    },
  );

  it("a body in an unsupported Content-Encoding: 415 / 1403, and nothing is created", async () => {
    const before = await api().all();
    const response = await rawRequest(server().url, {
      method: "POST",
      path: "/v1/streams/tokens/",
      headers: {
        authorization: `Token ${demoTokens(server()).account}`,
        "content-type": "application/json",
        "content-encoding": "gzip",
      },
      body: '{"permanent":true}',
    });
    expectError(response, 415, 1403);
    contract.assertResponse("createStreamToken", response.status, response.body);
    expect(await api().all()).toEqual(before);
  });
});

describe("create with Content-Type: application/json and an empty body", () => {
  it("makes a temporary token, as the README says", async () => {
    const response = await rawRequest(server().url, {
      method: "POST",
      path: "/v1/streams/tokens/",
      headers: { authorization: `Token ${demoTokens(server()).account}`, "content-type": "application/json" },
      body: "",
    });
    expect(response.status, response.text).toBe(201);
    contract.assertResponse("createStreamToken", 201, response.body);
    expect(response.body).toMatchObject({ expires: expect.any(String) });
  });
});

describe("security headers", () => {
  it("every answer carries Cache-Control: no-store and X-Content-Type-Options: nosniff", async () => {
    const created = await api().createToken();
    const answers: { name: string; headers: Record<string, unknown> }[] = [
      { name: "create", headers: (await api().create()).headers },
      { name: "list", headers: (await api().list()).headers },
      { name: "get", headers: (await api().get(created.key)).headers },
      { name: "delete", headers: (await api().delete(created.id)).headers },
      { name: "404 token", headers: (await api().get(created.id)).headers },
      {
        name: "401",
        headers: (await rawRequest(server().url, { method: "GET", path: "/v1/streams/tokens/" })).headers,
      },
      {
        name: "404 route",
        headers: (await rawRequest(server().url, { method: "GET", path: "/nope" })).headers,
      },
      {
        name: "healthz",
        headers: (await rawRequest(server().url, { method: "GET", path: "/healthz" })).headers,
      },
      { name: "docs", headers: (await rawRequest(server().url, { method: "GET", path: "/docs/" })).headers },
      {
        name: "malformed HTTP",
        headers: (await rawAnswer("GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")).headers,
      },
      {
        name: "417",
        headers: (
          await rawAnswer("GET /healthz HTTP/1.1\r\nHost: x\r\nExpect: x\r\nConnection: close\r\n\r\n")
        ).headers,
      },
    ];
    for (const { name, headers } of answers) {
      expect(headers["cache-control"], name).toBe("no-store");
      expect(headers["x-content-type-options"], name).toBe("nosniff");
    }
  });
});

describe("pipelining", () => {
  it("a completed create followed by garbage on one connection: its 201 goes out before the 400", async () => {
    const account = new TokenApi(server().url, server().createAccount().account);
    const bytes =
      "POST /v1/streams/tokens/ HTTP/1.1\r\nHost: x\r\n" +
      `Authorization: Token ${account.apiToken}\r\n` +
      "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}" +
      "garbage that is no request\r\n\r\n";
    const answers = parseAnswers(await exchange(server().url, bytes));
    expect(answers.map((answer) => answer.status)).toEqual([201, 400]);
    const [created, refused] = answers;
    if (!created || !refused) throw new Error("two answers expected");
    contract.assertResponse("createStreamToken", 201, JSON.parse(created.body));
    expectRawError(refused, 400, 1001);
    const tokens = await account.all();
    expect(tokens.map((token) => token.id)).toEqual([JSON.parse(created.body).id]);
  });
});

describe("--temporary-ttl", () => {
  it("is bounded so that expires stays a valid RFC 3339 time", async () => {
    await expect(startServer({ temporaryTtlSeconds: MAX_TEMPORARY_TTL_SECONDS + 1 })).rejects.toThrow(
      RangeError,
    );
    const longest = await startServer({ seed: true, temporaryTtlSeconds: MAX_TEMPORARY_TTL_SECONDS });
    try {
      const created = await new TokenApi(longest.url, demoTokens(longest).account).createToken(false);
      expect(created.expires).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
      expect(Date.parse(created.expires ?? "")).toBeGreaterThan(Date.parse(created.created));
    } finally {
      await longest.close();
    }
  });
});
