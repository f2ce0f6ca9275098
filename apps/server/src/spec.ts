import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** A JSON Schema taken from the spec, with every local `$ref` resolved. */
export type JsonSchema = { [keyword: string]: unknown };

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface SpecParameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: JsonSchema;
}

export interface SpecOperation {
  operationId: string;
  method: HttpMethod;
  /** The path as the spec writes it, e.g. `/v1/streams/tokens/{id_or_key}/`. */
  specPath: string;
  parameters: SpecParameter[];
  /**
   * The operation's `x-query-schema`: JSON Schema keywords for the object of its query parameters
   * (`additionalProperties: false` refuses a parameter the spec does not list); empty when absent.
   */
  queryKeywords: JsonSchema;
  /** Accepted media types of the request body and their schemas; empty when the operation has none. */
  bodyContent: Map<string, JsonSchema>;
  bodyRequired: boolean;
  /** JSON schemas of the 2xx answers that have a body, by status. */
  successBodies: Map<number, JsonSchema>;
}

export interface LoadedSpec {
  path: string;
  text: string;
  document: JsonSchema;
  operations: SpecOperation[];
}

const HTTP_METHODS: readonly HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * The spec the server routes by: the copy the build puts next to the built modules (it ships in the
 * npm package), or, running from source in the workspace, the file of `@stream-tokens/openapi`.
 */
export function specFilePath(): string {
  const shipped = fileURLToPath(new URL("./stream-tokens.yaml", import.meta.url));
  if (existsSync(shipped)) return shipped;
  return createRequire(import.meta.url).resolve("@stream-tokens/openapi/stream-tokens.yaml");
}

export function loadSpec(path: string = specFilePath()): LoadedSpec {
  const text = readFileSync(path, "utf8");
  const parsed: unknown = parse(text);
  if (!isObject(parsed)) throw new Error(`${path} is not an OpenAPI document`);
  const document = parsed;
  const resolve = (node: unknown): unknown => resolveRefs(document, node, []);
  const operations: SpecOperation[] = [];
  const paths = document.paths;
  if (!isObject(paths)) throw new Error(`${path} has no paths`);
  for (const [specPath, rawItem] of Object.entries(paths)) {
    const item = resolve(rawItem);
    if (!isObject(item)) continue;
    const shared = parametersOf(item.parameters);
    for (const method of HTTP_METHODS) {
      const operation = item[method.toLowerCase()];
      if (!isObject(operation)) continue;
      if (typeof operation.operationId !== "string") {
        throw new Error(`${method} ${specPath} has no operationId`);
      }
      const own = parametersOf(operation.parameters);
      const parameters = [
        ...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)),
        ...own,
      ];
      const queryKeywords = operation["x-query-schema"] ?? {};
      if (!isObject(queryKeywords)) throw new Error(`${method} ${specPath}: x-query-schema is not an object`);
      const body = isObject(operation.requestBody) ? operation.requestBody : undefined;
      const bodyContent = new Map<string, JsonSchema>();
      if (body && isObject(body.content)) {
        for (const [mediaType, media] of Object.entries(body.content)) {
          if (isObject(media) && isObject(media.schema)) bodyContent.set(mediaType, media.schema);
        }
      }
      const successBodies = new Map<number, JsonSchema>();
      if (isObject(operation.responses)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!/^2\d\d$/.test(status) || !isObject(response) || !isObject(response.content)) continue;
          const media = response.content["application/json"];
          if (isObject(media) && isObject(media.schema)) successBodies.set(Number(status), media.schema);
        }
      }
      operations.push({
        operationId: operation.operationId,
        method,
        specPath,
        parameters,
        queryKeywords,
        bodyContent,
        bodyRequired: body?.required === true,
        successBodies,
      });
    }
  }
  return { path, text, document, operations };
}

function parametersOf(raw: unknown): SpecParameter[] {
  if (!Array.isArray(raw)) return [];
  const result: SpecParameter[] = [];
  for (const entry of raw) {
    if (!isObject(entry) || typeof entry.name !== "string" || !isObject(entry.schema)) continue;
    if (entry.in !== "path" && entry.in !== "query") continue;
    result.push({ name: entry.name, in: entry.in, required: entry.required === true, schema: entry.schema });
  }
  return result;
}

/** Replaces every `{"$ref": "#/..."}` by a copy of its target. The spec has no recursive schemas. */
function resolveRefs(document: JsonSchema, node: unknown, seen: string[]): unknown {
  if (Array.isArray(node)) return node.map((child) => resolveRefs(document, child, seen));
  if (!isObject(node)) return node;
  const ref = node.$ref;
  if (typeof ref === "string") {
    if (seen.includes(ref)) throw new Error(`recursive $ref ${ref} in the spec`);
    return resolveRefs(document, lookupPointer(document, ref), [...seen, ref]);
  }
  const copy: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) copy[key] = resolveRefs(document, value, seen);
  return copy;
}

function lookupPointer(document: JsonSchema, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
  let current: unknown = document;
  for (const raw of ref.slice(2).split("/")) {
    const segment = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (!isObject(current) || !(segment in current)) throw new Error(`unresolvable $ref ${ref}`);
    current = current[segment];
  }
  return current;
}

export function isObject(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
