/**
 * Checks HTTP responses against openapi/stream-tokens.yaml: the status must be one the spec
 * declares for the operation, and a JSON body must match that response's schema (ajv 8 with
 * date-time formats): `loadContract()`, then `contract.assertResponse(operationId, status, body)`.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";

// ajv-formats is CommonJS: its plugin is module.exports.default.
const addFormats = addFormatsModule.default;

type Json = { [key: string]: unknown };

export interface Contract {
  /** Problems with one response of an operation; empty when it matches the spec. */
  problems(operationId: string, status: number, body: unknown): string[];
  /** Throws with every problem when the response does not match the spec. */
  assertResponse(operationId: string, status: number, body: unknown): void;
  /** For answers no operation owns (unknown routes, wrong methods): status >= 400 and the Error schema. */
  assertErrorBody(status: number, body: unknown): void;
}

interface ResponseRule {
  /** undefined: the spec declares no body (204). */
  validate: ValidateFunction | undefined;
}

export function loadContract(
  specPath: string = createRequire(import.meta.url).resolve("@stream-tokens/openapi/stream-tokens.yaml"),
): Contract {
  const document: unknown = parse(readFileSync(specPath, "utf8"));
  if (!isJson(document) || !isJson(document.paths)) throw new Error(`${specPath} is not an OpenAPI document`);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, "spec");
  const compile = (schema: unknown): ValidateFunction => {
    const rebased = rebase(schema);
    if (!isJson(rebased)) throw new Error("a response schema must be an object");
    return ajv.compile(rebased);
  };

  const rules = new Map<string, Map<number, ResponseRule>>();
  for (const item of Object.values(document.paths)) {
    if (!isJson(item)) continue;
    for (const method of ["get", "post", "put", "patch", "delete"]) {
      const operation = item[method];
      if (!isJson(operation) || typeof operation.operationId !== "string" || !isJson(operation.responses))
        continue;
      const byStatus = new Map<number, ResponseRule>();
      for (const [status, rawResponse] of Object.entries(operation.responses)) {
        const response = follow(document, rawResponse);
        const content = isJson(response) && isJson(response.content) ? response.content : undefined;
        const media = content?.["application/json"];
        const schema = isJson(media) ? media.schema : undefined;
        byStatus.set(Number(status), { validate: schema === undefined ? undefined : compile(schema) });
      }
      rules.set(operation.operationId, byStatus);
    }
  }
  const errorSchema = compile({ $ref: "#/components/schemas/Error" });

  const problems = (operationId: string, status: number, body: unknown): string[] => {
    const byStatus = rules.get(operationId);
    if (!byStatus) return [`the spec has no operation ${operationId}`];
    const rule = byStatus.get(status);
    if (!rule)
      return [
        `${operationId} does not declare status ${status} (declares ${[...byStatus.keys()].join(", ")})`,
      ];
    if (rule.validate === undefined) {
      return body === undefined || body === "" ? [] : [`${operationId} ${status} must have an empty body`];
    }
    if (rule.validate(body)) return [];
    return (rule.validate.errors ?? []).map(
      (e) => `${operationId} ${status}: body${e.instancePath} ${e.message}`,
    );
  };

  return {
    problems,
    assertResponse(operationId, status, body) {
      const found = problems(operationId, status, body);
      if (found.length > 0) throw new Error(`${found.join("\n")}\nbody: ${JSON.stringify(body)}`);
    },
    assertErrorBody(status, body) {
      if (status < 400) throw new Error(`expected an error status, got ${status}`);
      if (!errorSchema(body)) {
        const found = (errorSchema.errors ?? []).map((e) => `body${e.instancePath} ${e.message}`);
        throw new Error(`error body does not match the spec's Error schema:\n${found.join("\n")}`);
      }
    },
  };
}

/** Follows a `$ref` to a response object (not a schema: ajv cannot resolve those positions). */
function follow(document: Json, node: unknown): unknown {
  if (!isJson(node) || typeof node.$ref !== "string") return node;
  let current: unknown = document;
  for (const segment of node.$ref.replace(/^#\//, "").split("/")) {
    current = isJson(current) ? current[segment.replaceAll("~1", "/").replaceAll("~0", "~")] : undefined;
  }
  return follow(document, current);
}

/** Points the schema's local `$ref`s into the document registered as "spec". */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (!isJson(schema)) return schema;
  const copy: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    copy[key] =
      key === "$ref" && typeof value === "string" && value.startsWith("#") ? `spec${value}` : rebase(value);
  }
  return copy;
}

function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
