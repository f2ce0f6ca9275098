// Walks the operations of the released spec and reports every change of the new spec that breaks
// a client of the released one. Additions that a client can ignore (operations, optional
// parameters and fields, response fields, error statuses, enum values in responses) do not break.
import type { Break, BreakRule } from "./breaks.js";
import { compareSchemas, type Direction } from "./schema-diff.js";
import { arrayAt, isObject, type JsonObject, objectAt, type Spec, stringAt } from "./spec.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

interface Operation {
  readonly label: string;
  readonly path: string;
  readonly pathItem: JsonObject;
  readonly operation: JsonObject;
}

interface Context {
  readonly oldSpec: Spec;
  readonly newSpec: Spec;
  readonly breaks: Break[];
}

export function findBreaks(oldSpec: Spec, newSpec: Spec): Break[] {
  const context: Context = { oldSpec, newSpec, breaks: [] };
  const newOperations = operationsOf(newSpec);
  for (const [key, older] of operationsOf(oldSpec)) {
    const newer = newOperations.get(key);
    if (newer === undefined) {
      report(context, "removed-operation", older.label, "the operation is gone");
      continue;
    }
    compareOperation(context, older, newer);
  }
  return context.breaks;
}

function report(context: Context, rule: BreakRule, where: string, detail: string): void {
  context.breaks.push({ rule, where, detail });
}

function schemaPair(context: Context, direction: Direction) {
  return {
    oldSpec: context.oldSpec,
    newSpec: context.newSpec,
    direction,
    report: (found: Break) => context.breaks.push(found),
  };
}

// Operations are matched by method and path shape: renaming a path parameter changes no request.
function operationsOf(spec: Spec): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  for (const [path, raw] of Object.entries(objectAt(spec.document, "paths") ?? {})) {
    const pathItem = spec.resolve(raw)?.value;
    if (pathItem === undefined) continue;
    for (const method of METHODS) {
      const operation = objectAt(pathItem, method);
      if (operation === undefined) continue;
      const label = `${method.toUpperCase()} ${path}`;
      const shape = path.replaceAll(/\{[^}]*\}/g, "{}");
      operations.set(`${method} ${shape}`, { label, path, pathItem, operation });
    }
  }
  return operations;
}

function compareOperation(context: Context, older: Operation, newer: Operation): void {
  const oldId = stringAt(older.operation, "operationId");
  const newId = stringAt(newer.operation, "operationId");
  if (oldId !== undefined && oldId !== newId) {
    report(context, "changed-operation-id", older.label, `operationId ${oldId} -> ${newId ?? "none"}`);
  }
  compareSecurity(context, older, newer);
  compareParameters(context, older, newer);
  compareRequestBodies(context, older, newer);
  compareResponses(context, older, newer);
}

function compareSecurity(context: Context, older: Operation, newer: Operation): void {
  const oldAlternatives = securityOf(context.oldSpec, older.operation);
  const newAlternatives = securityOf(context.newSpec, newer.operation);
  for (const [alternative, schemes] of oldAlternatives) {
    if (!newAlternatives.has(alternative)) {
      report(context, "removed-security", older.label, `security ${alternative} is no longer accepted`);
      continue;
    }
    for (const name of schemes) {
      const before = securityScheme(context.oldSpec, name);
      const after = securityScheme(context.newSpec, name);
      if (before !== after) {
        report(
          context,
          "changed-security-scheme",
          older.label,
          `security scheme ${name}: ${before} -> ${after}`,
        );
      }
    }
  }
}

/** Each alternative of an operation's security as a canonical string, with the schemes it names. */
function securityOf(spec: Spec, operation: JsonObject): Map<string, string[]> {
  const declared = Array.isArray(operation.security)
    ? operation.security
    : arrayAt(spec.document, "security");
  const alternatives = new Map<string, string[]>();
  for (const requirement of declared.length === 0 ? [{}] : declared) {
    if (!isObject(requirement)) continue;
    const schemes = Object.keys(requirement).sort();
    const shown = schemes.map((name) => `${name}${JSON.stringify(requirement[name] ?? [])}`).join(" + ");
    alternatives.set(shown === "" ? "none" : shown, schemes);
  }
  return alternatives;
}

function securityScheme(spec: Spec, name: string): string {
  const scheme = spec.resolve(
    objectAt(objectAt(spec.document, "components"), "securitySchemes")?.[name],
  )?.value;
  if (scheme === undefined) return "undefined";
  const { type, in: location, name: header, scheme: httpScheme } = scheme;
  return JSON.stringify({ type, in: location, name: header, scheme: httpScheme });
}

interface Parameter {
  readonly label: string;
  readonly value: JsonObject;
}

// Path parameters are matched by their place in the path, others by location and name.
function parametersOf(spec: Spec, operation: Operation): Map<string, Parameter> {
  const parameters = new Map<string, Parameter>();
  const pathNames = [...operation.path.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]);
  for (const raw of [
    ...arrayAt(operation.pathItem, "parameters"),
    ...arrayAt(operation.operation, "parameters"),
  ]) {
    const value = spec.resolve(raw)?.value;
    const location = stringAt(value, "in");
    const name = stringAt(value, "name");
    if (value === undefined || location === undefined || name === undefined) continue;
    const key =
      location === "path"
        ? `path#${pathNames.indexOf(name)}`
        : `${location}:${location === "header" ? name.toLowerCase() : name}`;
    parameters.set(key, { label: `${operation.label} ${location} parameter ${name}`, value });
  }
  return parameters;
}

const DEFAULT_STYLES: Record<string, string> = {
  query: "form",
  cookie: "form",
  path: "simple",
  header: "simple",
};

function serialization(parameter: JsonObject): string {
  const location = stringAt(parameter, "in") ?? "query";
  const style = stringAt(parameter, "style") ?? DEFAULT_STYLES[location] ?? "form";
  const explode = typeof parameter.explode === "boolean" ? parameter.explode : style === "form";
  return `style ${style}, explode ${explode}`;
}

function compareParameters(context: Context, older: Operation, newer: Operation): void {
  const oldParameters = parametersOf(context.oldSpec, older);
  const newParameters = parametersOf(context.newSpec, newer);
  for (const [key, before] of oldParameters) {
    const after = newParameters.get(key);
    if (after === undefined) {
      report(context, "removed-parameter", before.label, "the parameter is gone");
      continue;
    }
    if (before.value.required !== true && after.value.required === true) {
      report(context, "parameter-now-required", before.label, "the parameter is now required");
    }
    if (serialization(before.value) !== serialization(after.value)) {
      const detail = `${serialization(before.value)} -> ${serialization(after.value)}`;
      report(context, "changed-parameter-style", before.label, detail);
    }
    compareSchemas(schemaPair(context, "request"), before.value.schema, after.value.schema, before.label);
  }
  for (const [key, after] of newParameters) {
    if (!oldParameters.has(key) && after.value.required === true) {
      report(context, "new-required-parameter", after.label, "a new parameter is required");
    }
  }
}

function compareRequestBodies(context: Context, older: Operation, newer: Operation): void {
  const before = context.oldSpec.resolve(older.operation.requestBody)?.value;
  const after = context.newSpec.resolve(newer.operation.requestBody)?.value;
  const where = `${older.label} request body`;
  if (before === undefined) {
    if (after?.required === true)
      report(context, "new-required-body", where, "a request body is now required");
    return;
  }
  if (after === undefined) {
    report(context, "removed-body", where, "the operation no longer takes a request body");
    return;
  }
  if (before.required !== true && after.required === true) {
    report(context, "body-now-required", where, "the request body is now required");
  }
  compareContent(context, "request", before, after, where);
}

function compareContent(
  context: Context,
  direction: Direction,
  before: JsonObject,
  after: JsonObject,
  where: string,
): void {
  const oldContent = objectAt(before, "content") ?? {};
  const newContent = objectAt(after, "content") ?? {};
  for (const [mediaType, oldMedia] of Object.entries(oldContent)) {
    const newMedia = newContent[mediaType];
    const at = `${where} ${mediaType}`;
    if (newMedia === undefined) {
      report(
        context,
        "removed-media-type",
        at,
        `${mediaType} is no longer ${direction === "request" ? "accepted" : "sent"}`,
      );
      continue;
    }
    compareSchemas(
      schemaPair(context, direction),
      objectAt(oldMedia, "schema"),
      objectAt(newMedia, "schema"),
      at,
    );
  }
}

const isSuccess = (status: string) => /^2(\d\d|XX)$/.test(status);

function compareResponses(context: Context, older: Operation, newer: Operation): void {
  const oldResponses = objectAt(older.operation, "responses") ?? {};
  const newResponses = objectAt(newer.operation, "responses") ?? {};
  for (const status of Object.keys(oldResponses)) {
    const where = `${older.label} response ${status}`;
    const before = context.oldSpec.resolve(oldResponses[status])?.value;
    const after = context.newSpec.resolve(newResponses[status])?.value;
    if (after === undefined) {
      if (isSuccess(status)) report(context, "removed-success-status", where, `status ${status} is gone`);
      continue;
    }
    if (before === undefined) continue;
    compareContent(context, "response", before, after, where);
    compareHeaders(context, before, after, where);
  }
  for (const status of Object.keys(newResponses)) {
    if (isSuccess(status) && !(status in oldResponses)) {
      report(context, "new-success-status", `${older.label} response ${status}`, `status ${status} is new`);
    }
  }
}

function compareHeaders(context: Context, before: JsonObject, after: JsonObject, where: string): void {
  const lowerKeys = (headers: JsonObject) =>
    new Map(Object.entries(headers).map(([name, header]) => [name.toLowerCase(), header]));
  const oldHeaders = lowerKeys(objectAt(before, "headers") ?? {});
  const newHeaders = lowerKeys(objectAt(after, "headers") ?? {});
  for (const [name, oldHeader] of oldHeaders) {
    const at = `${where} header ${name}`;
    const newHeader = newHeaders.get(name);
    if (newHeader === undefined) {
      report(context, "removed-response-header", at, `header ${name} is no longer sent`);
      continue;
    }
    const oldSchema = context.oldSpec.resolve(oldHeader)?.value.schema;
    const newSchema = context.newSpec.resolve(newHeader)?.value.schema;
    compareSchemas(schemaPair(context, "response"), oldSchema, newSchema, at);
  }
}
