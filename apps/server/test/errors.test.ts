import { connect, type Socket } from "node:net";
import { join } from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { startServer } from "../src/index.js";
import { loadSpec } from "../src/spec.js";
import {
  contract,
  errorCodesOf,
  fieldNamesOf,
  fieldsOf,
  type HttpResponse,
  rawRequest,
  TokenApi,
} from "./http.js";
import { demoTokens, useApps, useServer, useTempDir } from "./servers.js";

const server = useServer();
const tempDir = useTempDir();
const appFor = useApps();

function demo(): TokenApi {
  return new TokenApi(server().url, demoTokens(server()).account);
}

function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<HttpResponse> {
  return rawRequest(server().url, {
    method,
    path,
    headers: { authorization: `Token ${demo().apiToken}`, ...headers },
    ...(body === undefined ? {} : { body }),
  });
}

/** Asserts status, the single error code, the Error schema and, when given, the fields at fault. */
function expectError(response: HttpResponse, status: number, code: number, fields?: string[]): void {
  expect(response.status, response.text).toBe(status);
  expect(errorCodesOf(response)).toEqual([code]);
  if (fields) expect(fieldNamesOf(response).sort()).toEqual([...fields].sort());
}

const json = { "content-type": "application/json" };
const form = { "content-type": "application/x-www-form-urlencoded" };

describe("error answers", () => {
  it("unknown routes: 404 / 1201", async () => {
    for (const path of ["/", "/v1/nope", "/v2/streams/tokens/", "/v1/streams/tokens/1/extra/"]) {
      expectError(await send("GET", path), 404, 1201);
    }
    expectError(await rawRequest(server().url, { method: "GET", path: "/v1/streams/" }), 404, 1201);
  });

  it("wrong methods on known routes: 405 / 1202 with Allow", async () => {
    const onOne = await send("POST", "/v1/streams/tokens/1/", json, "{}");
    expectError(onOne, 405, 1202);
    expect(String(onOne.headers.allow).split(", ").sort()).toEqual(["DELETE", "GET", "HEAD", "PATCH", "PUT"]);
    const onList = await send("PATCH", "/v1/streams/tokens/", form, "is_active=true");
    expectError(onList, 405, 1202);
    expect(String(onList.headers.allow).split(", ").sort()).toEqual(["DELETE", "GET", "HEAD", "POST"]);
    expectError(await send("OPTIONS", "/v1/streams/tokens/"), 405, 1202);
  });

  it("malformed JSON and malformed HTTP: 400 / 1001", async () => {
    expectError(await send("POST", "/v1/streams/tokens/", json, '{"permanent":'), 400, 1001);
    expectError(await send("PUT", "/v1/streams/tokens/1/", json, "{is_active: true}"), 400, 1001);
  });

  it("a request not received in time: 408 / 1002, with the status line's reason phrase", async () => {
    const { app } = await appFor();
    const url = await app.listen({ port: 0, host: "127.0.0.1" });
    const accepted = new Promise<Socket>((resolve) => app.server.once("connection", resolve));
    const client = connect(Number(new URL(url).port), "127.0.0.1");
    let received = "";
    client.on("data", (chunk: Buffer) => {
      received += chunk.toString("utf8");
    });
    const ended = new Promise((resolve) => client.once("end", resolve));
    // What Node raises once headersTimeout (10 s) passes; raised here so the test need not wait.
    const timeout = Object.assign(new Error("Request timeout"), { code: "ERR_HTTP_REQUEST_TIMEOUT" });
    app.server.emit("clientError", timeout, await accepted);
    await ended;
    client.destroy();
    const [head = "", text = ""] = received.split("\r\n\r\n");
    expect(head.split("\r\n")[0]).toBe("HTTP/1.1 408 Request Timeout");
    expectError({ status: 408, headers: {}, text, body: JSON.parse(text) }, 408, 1002);
  });

  it("unsupported media types: 415 / 1400", async () => {
    const created = await demo().createToken();
    expectError(
      await send("POST", "/v1/streams/tokens/", { "content-type": "text/plain" }, "permanent=true"),
      415,
      1400,
    );
    expectError(await send("POST", "/v1/streams/tokens/", form, "permanent=true"), 415, 1400);
    expectError(
      await send("PATCH", `/v1/streams/tokens/${created.id}/`, json, '{"is_active":false}'),
      415,
      1400,
    );
    expectError(await send("PUT", `/v1/streams/tokens/${created.id}/`, form, "is_active=false"), 415, 1400);
    expectError(await send("PUT", `/v1/streams/tokens/${created.id}/`, {}, '{"is_active":false}'), 415, 1400);
    expectError(
      await send("POST", "/v1/streams/tokens/", { "content-type": "application/xml" }, "<a/>"),
      415,
      1400,
    );
    expect((await demo().get(created.id)).body).toEqual(created);
  });

  it("bodies over the limit: 413 / 1401", async () => {
    const huge = JSON.stringify({ permanent: false, padding: "x".repeat(64 * 1024) });
    expectError(await send("POST", "/v1/streams/tokens/", json, huge), 413, 1401);
    expectError(
      await send("PATCH", "/v1/streams/tokens/1/", form, `is_active=true&pad=${"x".repeat(64 * 1024)}`),
      413,
      1401,
    );
  });

  it("invalid parameters and bodies: 400 / 1000 naming the field", async () => {
    const created = await demo().createToken();
    const cases: [string, string, Record<string, string>, string | undefined, string[]][] = [
      ["GET", "/v1/streams/tokens/?limit=0", {}, undefined, ["limit"]],
      ["GET", "/v1/streams/tokens/?limit=101", {}, undefined, ["limit"]],
      ["GET", "/v1/streams/tokens/?limit=abc", {}, undefined, ["limit"]],
      ["GET", "/v1/streams/tokens/?limit=1.5", {}, undefined, ["limit"]],
      ["GET", "/v1/streams/tokens/?limit=1&limit=2", {}, undefined, ["limit"]],
      ["GET", "/v1/streams/tokens/?offset=-1", {}, undefined, ["offset"]],
      ["GET", "/v1/streams/tokens/?permanent=True", {}, undefined, ["permanent"]],
      ["GET", "/v1/streams/tokens/?permanent=yes&limit=0", {}, undefined, ["permanent", "limit"]],
      ["DELETE", "/v1/streams/tokens/?permanent=nope", {}, undefined, ["permanent"]],
      ["DELETE", "/v1/streams/tokens/?limit=-1", {}, undefined, ["limit"]],
      ["DELETE", "/v1/streams/tokens/?offset=x", {}, undefined, ["offset"]],
      ["POST", "/v1/streams/tokens/", json, '{"permanent":"true"}', ["permanent"]],
      ["POST", "/v1/streams/tokens/", json, '{"permanent":1}', ["permanent"]],
      ["POST", "/v1/streams/tokens/", json, "[]", ["body"]],
      ["POST", "/v1/streams/tokens/", json, '{"__proto__": {"permanent": true}}', ["__proto__"]],
      ["POST", "/v1/streams/tokens/", json, '{"constructor": {"prototype": {}}}', ["constructor"]],
      ["POST", "/v1/streams/tokens/", json, "null", ["body"]],
      ["POST", "/v1/streams/tokens/", json, '"permanent"', ["body"]],
      ["PATCH", `/v1/streams/tokens/${created.id}/`, form, "is_active=maybe", ["is_active"]],
      ["PATCH", `/v1/streams/tokens/${created.id}/`, form, "is_active=True", ["is_active"]],
      ["PATCH", `/v1/streams/tokens/${created.id}/`, form, "active=false", ["active", "is_active"]],
      ["PUT", `/v1/streams/tokens/${created.id}/`, json, '{"is_active":true,"isActive":false}', ["isActive"]],
      ["POST", "/v1/streams/tokens/", json, '{"permanet":true}', ["permanet"]],
      ["PATCH", `/v1/streams/tokens/${created.id}/`, form, "is_active=", ["is_active"]],
      ["PATCH", `/v1/streams/tokens/${created.id}/`, form, "is_active=false&isactive=", ["isactive"]],
      [
        "PATCH",
        `/v1/streams/tokens/${created.id}/`,
        form,
        "__proto__=x&__proto__=y",
        ["__proto__", "is_active"],
      ],
      ["PATCH", `/v1/streams/tokens/${created.id}/`, {}, undefined, ["is_active"]],
      ["PUT", `/v1/streams/tokens/${created.id}/`, json, "{}", ["is_active"]],
      ["PUT", `/v1/streams/tokens/${created.id}/`, json, '{"is_active":"false"}', ["is_active"]],
      ["PUT", `/v1/streams/tokens/${created.id}/`, json, '{"is_active":null}', ["is_active"]],
      ["GET", `/v1/streams/tokens/st_${"a".repeat(300)}/`, {}, undefined, ["id_or_key"]],
    ];
    const before = await demo().all();
    for (const [method, path, headers, body, fields] of cases) {
      const response = await send(method, path, headers, body);
      expect(response.status, `${method} ${path} ${body ?? ""}`).toBe(400);
      expectError(response, 400, 1000, fields);
    }
    expect(await demo().all()).toEqual(before);
  });

  it("unknown query parameters: 400 / 1000 naming each, on every operation, and nothing changes", async () => {
    const created = await demo().createToken();
    const item = `/v1/streams/tokens/${created.id}/`;
    const cases: [string, string, Record<string, string>, string | undefined, string[]][] = [
      ["GET", "/v1/streams/tokens/?permanet=true", {}, undefined, ["permanet"]],
      ["GET", "/v1/streams/tokens/?permanet=", {}, undefined, ["permanet"]],
      ["GET", "/v1/streams/tokens/?permanent=&limt=", {}, undefined, ["limt"]],
      ["GET", "/v1/streams/tokens/?limit=20&offset=0&sort=created", {}, undefined, ["sort"]],
      ["GET", "/v1/streams/tokens/?limit=0&page=2", {}, undefined, ["limit", "page"]],
      ["GET", "/v1/streams/tokens/?__proto__=x", {}, undefined, ["__proto__"]],
      ["DELETE", "/v1/streams/tokens/?permanet=false", {}, undefined, ["permanet"]],
      ["DELETE", "/v1/streams/tokens/?permanet=", {}, undefined, ["permanet"]],
      ["DELETE", "/v1/streams/tokens/?limit=20&offset=0&all=1", {}, undefined, ["all"]],
      ["GET", `${item}?expand=1`, {}, undefined, ["expand"]],
      ["GET", `/v1/streams/tokens/${created.key}/?permanent=true`, {}, undefined, ["permanent"]],
      ["DELETE", `${item}?force=1`, {}, undefined, ["force"]],
      ["PATCH", `${item}?is_active=false`, form, "is_active=false", ["is_active"]],
      ["PATCH", `${item}?is_active=`, form, "is_active=false", ["is_active"]],
      ["PUT", `${item}?dry_run=1`, json, '{"is_active":false}', ["dry_run"]],
      ["POST", "/v1/streams/tokens/?permanent=true", json, "{}", ["permanent"]],
    ];
    const before = await demo().all();
    for (const [method, path, headers, body, fields] of cases) {
      const response = await send(method, path, headers, body);
      expectError(response, 400, 1000, fields);
      const unknown = fieldsOf(response).find(({ message }) => message === "is not a known query parameter");
      expect(unknown, `${method} ${path}`).toBeDefined();
    }
    expect(await demo().all()).toEqual(before);
  });

  it("an unknown name is echoed back masked and cut short: a key pasted as a name does not travel back", async () => {
    const created = await demo().createToken();
    const pasted = await send("GET", `/v1/streams/tokens/?${created.key}=1`, {}, undefined);
    expect(pasted.status).toBe(400);
    expect(pasted.text).not.toContain(created.key);
    expect(fieldsOf(pasted).map(({ name }) => name)).toEqual(["st_***"]);
    const long = await send("GET", `/v1/streams/tokens/?${"a.".repeat(400)}=1`, {}, undefined);
    expect(long.status).toBe(400);
    expect(fieldsOf(long).map(({ name }) => name)).toEqual(["a.".repeat(50)]);
  });

  it("a typo in the bulk delete's filter (?permanet=true) deletes nothing", async () => {
    const api = new TokenApi(server().url, server().createAccount().account);
    const permanent = await api.createToken(true);
    const temporary = await api.createToken(false);
    const typo = await api.deleteList("permanet=true");
    expectError(typo, 400, 1000, ["permanet"]);
    expect((await api.all()).map(({ id }) => id)).toEqual([temporary.id, permanent.id]);
    // Spelled right, the same request deletes only the permanent token.
    expect((await api.deleteList("permanent=true")).status).toBe(204);
    expect((await api.all()).map(({ id }) => id)).toEqual([temporary.id]);
  });

  it("missing or malformed Authorization: 401 / 1100; unknown api token: 401 / 1101", async () => {
    const path = "/v1/streams/tokens/";
    expectError(await rawRequest(server().url, { method: "GET", path }), 401, 1100);
    for (const header of ["Bearer abc", "Token", "Token ", "abc", "Token a b", "Basic dXNlcjpwYXNz"]) {
      expectError(
        await rawRequest(server().url, { method: "GET", path, headers: { authorization: header } }),
        401,
        1100,
      );
    }
    const unknown = await rawRequest(server().url, {
      method: "GET",
      path,
      headers: { authorization: "Token at_unknown" },
    });
    expectError(unknown, 401, 1101);
    const created = await demo().createToken();
    const write = await rawRequest(server().url, {
      method: "DELETE",
      path: `/v1/streams/tokens/${created.id}/`,
      headers: { authorization: "Token at_unknown" },
    });
    expectError(write, 401, 1101);
    expect((await demo().get(created.id)).status).toBe(200);
  });

  it("no such token in the caller's scope: 404 / 1200", async () => {
    for (const ref of ["999999", "st_doesnotexist", "99999999999999999999999999", "0", "12abc"]) {
      expectError(await send("GET", `/v1/streams/tokens/${ref}/`), 404, 1200);
      expectError(await send("DELETE", `/v1/streams/tokens/${ref}/`), 404, 1200);
      expectError(await send("PATCH", `/v1/streams/tokens/${ref}/`, form, "is_active=false"), 404, 1200);
    }
  });

  it("a sixth permanent token: 409 / 1300 naming permanent, the limit's scope as the spec words it", async () => {
    const api = new TokenApi(server().url, server().createAccount().account);
    for (let i = 0; i < 5; i++) await api.createToken(true);
    const sixth = await api.create(true);
    expectError(sixth, 409, 1300, ["permanent"]);
    const message = "At most 5 permanent stream tokens are allowed per account/space and kind.";
    expect(sixth.body).toMatchObject({ message });
    expect(loadSpec().text, "the spec's 409 example says the same").toContain(`message: ${message}`);
    expect(await api.all()).toHaveLength(5);
  });

  it("too many failed authentications: 429 / 1500 with Retry-After", async () => {
    const limited = await startServer({ authFailuresPerMinute: 3, seed: true });
    try {
      const bad = {
        method: "GET",
        path: "/v1/streams/tokens/",
        headers: { authorization: "Token at_wrong" },
      };
      for (let i = 0; i < 3; i++) expectError(await rawRequest(limited.url, bad), 401, 1101);
      const refused = await rawRequest(limited.url, bad);
      expectError(refused, 429, 1500);
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
      expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(60);
      contract.assertResponse("listStreamTokens", refused.status, refused.body);
    } finally {
      await limited.close();
    }
  });

  it("an internal failure: 500 / 1900 without internals in the message", async () => {
    const file = join(tempDir(), "broken.db");
    const broken = await startServer({ db: file, seed: true });
    try {
      const tokens = demoTokens(broken);
      // A real fault the server cannot cause itself: another process drops its table.
      const other = new Database(file);
      other.exec("DROP TABLE stream_tokens");
      other.close();
      const response = await rawRequest(broken.url, {
        method: "POST",
        path: "/v1/streams/tokens/",
        headers: { authorization: `Token ${tokens.account}`, "content-type": "application/json" },
        body: "{}",
      });
      expectError(response, 500, 1900);
      contract.assertResponse("createStreamToken", response.status, response.body);
      expect(response.text).not.toMatch(/stream_tokens|sqlite|SQL/i);
      expect((await rawRequest(broken.url, { method: "GET", path: "/healthz" })).status).toBe(200);
    } finally {
      await broken.close();
    }
  });

  it("no input from a fuzzer gets a 5xx, and every error carries the error body", async () => {
    const fuzzApi = new TokenApi(server().url, server().createAccount().account);
    const methods = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    const paths = fc.oneof(
      fc.constantFrom("/v1/streams/tokens/", "/v1/streams/tokens", "/v1/streams/tokens/1/", "/healthz"),
      fc.string({ maxLength: 40 }).map((s) => `/v1/streams/tokens/${encodeURIComponent(s)}/`),
      fc
        .string({ maxLength: 30 })
        .map((s) => `/v1/streams/tokens/?${s.replace(/[^\x21-\x7e]/gu, encodeURIComponent)}`),
      fc.webPath(),
    );
    const contentTypes = fc.constantFrom(
      undefined,
      "application/json",
      "application/x-www-form-urlencoded",
      "text/plain",
      "application/json; charset=utf-8",
      "multipart/form-data; boundary=x",
    );
    const bodies = fc.option(fc.oneof(fc.string({ maxLength: 60 }), fc.json({ maxDepth: 2 })), {
      nil: undefined,
    });
    const auths = fc.constantFrom(`Token ${fuzzApi.apiToken}`, "Token at_nope", undefined, "Bearer x");
    await fc.assert(
      fc.asyncProperty(
        methods,
        paths,
        contentTypes,
        bodies,
        auths,
        async (method, path, type, body, auth) => {
          const headers: Record<string, string> = {};
          if (type) headers["content-type"] = type;
          if (auth) headers.authorization = auth;
          const sendsBody = body !== undefined && method !== "GET" && method !== "HEAD";
          const response = await rawRequest(server().url, {
            method,
            path,
            headers,
            ...(sendsBody ? { body } : {}),
          });
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400 && method !== "HEAD")
            contract.assertErrorBody(response.status, response.body);
        },
      ),
      { numRuns: 300 },
    );
  });
});
