import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const specPath = fileURLToPath(new URL("../../../openapi/stream-tokens.yaml", import.meta.url));

type Operation = {
  operationId?: string;
  security?: Array<Record<string, unknown>>;
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }>;
  requestBody?: { content?: Record<string, unknown> };
};
type Spec = {
  openapi: string;
  paths: Record<string, Record<string, Operation | unknown>>;
  components: {
    securitySchemes: Record<string, { type: string; in: string; name: string }>;
    responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }>;
    schemas: Record<string, { required?: string[]; properties?: Record<string, { type?: unknown }> }>;
  };
};

const spec = parse(await readFile(specPath, "utf8")) as Spec;
const methods = ["get", "put", "post", "delete", "patch"] as const;

function operations(): Array<{ path: string; method: string; op: Operation }> {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    methods.filter((m) => m in item).map((method) => ({ path, method, op: item[method] as Operation })),
  );
}

function errorSchemaRef(response: { $ref?: string; content?: Record<string, { schema?: unknown }> }) {
  const resolved = response.$ref
    ? spec.components.responses[response.$ref.replace("#/components/responses/", "")]
    : response;
  return (resolved?.content?.["application/json"]?.schema as { $ref?: string } | undefined)?.$ref;
}

describe("openapi/stream-tokens.yaml", () => {
  it("is OpenAPI 3.1", () => {
    expect(spec.openapi).toMatch(/^3\.1\./);
  });

  it("has the six operations at the platform's paths, with trailing slashes", () => {
    const found = operations().map(
      ({ path, method, op }) => `${method.toUpperCase()} ${path} ${op.operationId}`,
    );
    expect(found.sort()).toEqual(
      [
        "POST /v1/streams/tokens/ createStreamToken",
        "GET /v1/streams/tokens/ listStreamTokens",
        "DELETE /v1/streams/tokens/ deleteStreamTokens",
        "GET /v1/streams/tokens/{id_or_key}/ getStreamToken",
        "PATCH /v1/streams/tokens/{id_or_key}/ updateStreamToken",
        "PUT /v1/streams/tokens/{id_or_key}/ updateStreamTokenPut",
        "DELETE /v1/streams/tokens/{id_or_key}/ deleteStreamToken",
      ].sort(),
    );
  });

  it("declares `Authorization: Token <key>`, or the JavaScript client's `token` header, on every operation", () => {
    expect(spec.components.securitySchemes.apiToken).toMatchObject({
      type: "apiKey",
      in: "header",
      name: "Authorization",
    });
    expect(spec.components.securitySchemes.apiTokenHeader).toMatchObject({
      type: "apiKey",
      in: "header",
      name: "token",
    });
    for (const { op, path, method } of operations()) {
      expect(op.security, `${method} ${path}`).toEqual([{ apiToken: [] }, { apiTokenHeader: [] }]);
    }
  });

  it("answers every 4xx and 5xx of every operation with the NeuroIO error body", () => {
    for (const { op, path, method } of operations()) {
      const failures = Object.entries(op.responses ?? {}).filter(([status]) => Number(status) >= 400);
      expect(failures.length, `${method} ${path} has error responses`).toBeGreaterThan(0);
      expect(
        failures.map(([s]) => s),
        `${method} ${path}`,
      ).toEqual(expect.arrayContaining(["401", "500"]));
      for (const [status, response] of failures) {
        expect(errorSchemaRef(response), `${method} ${path} ${status}`).toBe("#/components/schemas/Error");
      }
    }
  });

  it("takes the update as a form (PATCH, Python) and as JSON (PUT, JavaScript)", () => {
    const item = spec.paths["/v1/streams/tokens/{id_or_key}/"] as Record<string, Operation>;
    expect(Object.keys(item.patch?.requestBody?.content ?? {})).toEqual([
      "application/x-www-form-urlencoded",
    ]);
    expect(Object.keys(item.put?.requestBody?.content ?? {})).toEqual(["application/json"]);
  });

  it("describes the token object with a nullable `expires`", () => {
    const token = spec.components.schemas.StreamToken;
    expect(token?.required?.sort()).toEqual(["created", "expires", "id", "is_active", "key"]);
    expect(token?.properties?.expires?.type).toEqual(["string", "null"]);
  });
});
