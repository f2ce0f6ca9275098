import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ErrorCode } from "../src/errors.js";
import { loadSpec, specFilePath } from "../src/spec.js";
import { rawRequest } from "./http.js";
import { useApps, useTempDir } from "./servers.js";

const tempDir = useTempDir();
const appFor = useApps();

type Json = Record<string, unknown>;

/** The object under `path` inside a parsed document (throws when the spec's shape changed). */
function at(document: Json, ...path: string[]): Json {
  let current: unknown = document;
  for (const key of path) {
    current = typeof current === "object" && current !== null ? (current as Json)[key] : undefined;
  }
  if (typeof current !== "object" || current === null) throw new Error(`no object at ${path.join(".")}`);
  return current as Json;
}

/** Writes a changed copy of the real spec and returns its path. */
function changedSpec(name: string, change: (document: Json) => void): string {
  const document: Json = parse(readFileSync(specFilePath(), "utf8"));
  change(document);
  const path = join(tempDir(), name);
  writeFileSync(path, stringify(document));
  return path;
}

describe("routes and validation come from the spec at start-up", () => {
  it("follows a changed parameter schema without a code change", async () => {
    const path = changedSpec("limit-50.yaml", (document) => {
      at(document, "components", "parameters", "Limit", "schema").maximum = 50;
    });
    const { app, store } = await appFor(loadSpec(path));
    const tokens = store.createAccount("spec test");
    const url = await app.listen({ port: 0, host: "127.0.0.1" });
    const headers = { authorization: `Token ${tokens.account}` };
    expect(
      (await rawRequest(url, { method: "GET", path: "/v1/streams/tokens/?limit=50", headers })).status,
    ).toBe(200);
    const refused = await rawRequest(url, { method: "GET", path: "/v1/streams/tokens/?limit=51", headers });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ fields: [{ name: "limit", message: "must be <= 50" }] });
  });

  it("refuses unknown query parameters where the operation's x-query-schema says so", async () => {
    const path = changedSpec("open-list-query.yaml", (document) => {
      delete at(document, "paths", "/v1/streams/tokens/", "get")["x-query-schema"];
    });
    const headers = (apiToken: string) => ({ authorization: `Token ${apiToken}` });
    const query = "/v1/streams/tokens/?limit=20&sort=created";

    const strict = await appFor();
    const strictUrl = await strict.app.listen({ port: 0, host: "127.0.0.1" });
    const strictToken = strict.store.createAccount("strict").account;
    const refused = await rawRequest(strictUrl, {
      method: "GET",
      path: query,
      headers: headers(strictToken),
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error_codes: [ErrorCode.validation],
      fields: [{ name: "sort", message: "is not a known query parameter", error_code: ErrorCode.validation }],
    });

    const open = await appFor(loadSpec(path));
    const openUrl = await open.app.listen({ port: 0, host: "127.0.0.1" });
    const openToken = open.store.createAccount("open").account;
    expect(
      (await rawRequest(openUrl, { method: "GET", path: query, headers: headers(openToken) })).status,
    ).toBe(200);
  });

  it("refuses to start when the spec has an operation without a handler", async () => {
    const path = changedSpec("extra-operation.yaml", (document) => {
      at(document, "paths")["/v1/streams/tokens/{id_or_key}/rotate/"] = {
        post: { operationId: "rotateStreamToken", responses: { "200": { description: "rotated" } } },
      };
    });
    await expect(appFor(loadSpec(path))).rejects.toThrow(/rotateStreamToken has no handler/);
  });

  it("refuses to start when a handler's operation left the spec", async () => {
    const path = changedSpec("missing-operation.yaml", (document) => {
      delete at(document, "paths", "/v1/streams/tokens/").delete;
    });
    await expect(appFor(loadSpec(path))).rejects.toThrow(
      /handlers without an operation in the spec: deleteStreamTokens/,
    );
  });
});
