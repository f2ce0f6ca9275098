import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { specFilePath } from "../src/spec.js";
import { rawRequest } from "./http.js";
import { useServer } from "./servers.js";

const server = useServer({ seed: false });

describe("service routes", () => {
  it("answers GET /healthz without authentication", async () => {
    const response = await rawRequest(server().url, { method: "GET", path: "/healthz" });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ok" });
  });

  it("serves the spec it routes by at /openapi.yaml", async () => {
    const response = await rawRequest(server().url, { method: "GET", path: "/openapi.yaml" });
    expect(response.status).toBe(200);
    expect(String(response.headers["content-type"])).toMatch(/^application\/yaml/);
    expect(response.text).toBe(readFileSync(specFilePath(), "utf8"));
  });

  it("renders human-readable docs from the spec at /docs", async () => {
    const page = await rawRequest(server().url, { method: "GET", path: "/docs/" });
    expect(page.status).toBe(200);
    expect(String(page.headers["content-type"])).toMatch(/^text\/html/);
    expect(page.text).toMatch(/swagger-ui/i);
    const document = await rawRequest(server().url, { method: "GET", path: "/docs/json" });
    expect(document.status).toBe(200);
    const served = document.body as { info: { title: string }; paths: Record<string, unknown> };
    const spec = parse(readFileSync(specFilePath(), "utf8")) as typeof served;
    expect(served.info.title).toBe(spec.info.title);
    expect(Object.keys(served.paths)).toEqual(Object.keys(spec.paths));
  });
});
