// Compares two JSON Schemas (OpenAPI 3.1, and `nullable` of 3.0) in one direction: a request schema
// breaks clients when it accepts less, a response schema when it may produce more or promise less.
import type { Break, BreakRule } from "./breaks.js";
import { isObject, type JsonObject, type Spec } from "./spec.js";

export type Direction = "request" | "response";

export interface SchemaPair {
  readonly oldSpec: Spec;
  readonly newSpec: Spec;
  readonly direction: Direction;
  readonly report: (found: Break) => void;
}

const ANNOTATIONS = new Set([
  "description",
  "summary",
  "title",
  "examples",
  "example",
  "deprecated",
  "readOnly",
  "writeOnly",
  "$comment",
  "externalDocs",
]);
const LOWER_BOUNDS = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"] as const;
const UPPER_BOUNDS = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"] as const;
const EXACT_CONSTRAINTS = ["pattern", "format", "multipleOf"] as const;
// What a branch of a union of values may hold.
const VALUE_KEYWORDS = new Set(["type", "const", "enum", "nullable"]);
// `additionalProperties: false` is judged not to break: keys a schema never declared were never
// part of the contract, so a client that sends only declared fields is unaffected.
const JUDGED = new Set<string>([
  "$ref",
  "type",
  "nullable",
  "enum",
  "const",
  "default",
  "properties",
  "required",
  "items",
  "additionalProperties",
  "uniqueItems",
  ...LOWER_BOUNDS,
  ...UPPER_BOUNDS,
  ...EXACT_CONSTRAINTS,
]);

type Strictness = "same" | "stricter" | "looser" | "different";

export function compareSchemas(pair: SchemaPair, oldRaw: unknown, newRaw: unknown, where: string): void {
  compareAt(pair, oldRaw, newRaw, where, new Set());
}

function compareAt(
  pair: SchemaPair,
  oldRaw: unknown,
  newRaw: unknown,
  where: string,
  onStack: Set<string>,
): void {
  const oldSchema = pair.oldSpec.resolve(oldRaw);
  const newSchema = pair.newSpec.resolve(newRaw);
  if (oldSchema === undefined || newSchema === undefined) return;
  const cycleKey = `${oldSchema.ref ?? where}|${newSchema.ref ?? where}`;
  if (onStack.has(cycleKey)) return;
  onStack.add(cycleKey);
  const report = (rule: BreakRule, detail: string) => pair.report({ rule, where, detail });
  const older = oldSchema.value;
  const newer = newSchema.value;
  const asRequest = pair.direction === "request";

  compareTypes(pair, older, newer, report);
  compareEnums(pair, older, newer, report);
  for (const keyword of [...LOWER_BOUNDS, ...UPPER_BOUNDS, ...EXACT_CONSTRAINTS, "uniqueItems"] as const) {
    const change = strictness(keyword, older[keyword], newer[keyword]);
    const shown = `${keyword} ${show(older[keyword])} -> ${show(newer[keyword])}`;
    if (asRequest && (change === "stricter" || change === "different")) report("narrowed-bound", shown);
    if (!asRequest && (change === "looser" || change === "different")) report("widened-bound", shown);
  }
  if (asRequest && "default" in older && "default" in newer && !sameJson(older.default, newer.default)) {
    report("changed-default", `default ${show(older.default)} -> ${show(newer.default)}`);
  }
  const unionsJudged =
    (unionBranches(pair.oldSpec, older) === undefined || isValueUnion(pair.oldSpec, older)) &&
    (unionBranches(pair.newSpec, newer) === undefined || isValueUnion(pair.newSpec, newer));
  for (const keyword of new Set([...Object.keys(older), ...Object.keys(newer)])) {
    if (JUDGED.has(keyword) || ANNOTATIONS.has(keyword) || keyword.startsWith("x-")) continue;
    if (unionsJudged && (keyword === "anyOf" || keyword === "oneOf")) continue;
    const before = canonical(pair.oldSpec, older[keyword]);
    const after = canonical(pair.newSpec, newer[keyword]);
    if (before !== after) report("unjudged-change", `${keyword} changed`);
  }

  compareProperties(pair, older, newer, where, onStack);
  if ("items" in older || "items" in newer) {
    compareAt(pair, older.items, newer.items, `${where}[]`, onStack);
  }
  if (isObject(older.additionalProperties) && isObject(newer.additionalProperties)) {
    compareAt(pair, older.additionalProperties, newer.additionalProperties, `${where}{*}`, onStack);
  }
  onStack.delete(cycleKey);
}

function compareProperties(
  pair: SchemaPair,
  older: JsonObject,
  newer: JsonObject,
  where: string,
  onStack: Set<string>,
): void {
  const oldProperties = isObject(older.properties) ? older.properties : {};
  const newProperties = isObject(newer.properties) ? newer.properties : {};
  const oldRequired = requiredOf(older);
  const newRequired = requiredOf(newer);
  const at = (name: string) => `${where}.${name}`;
  for (const name of Object.keys(oldProperties)) {
    if (!(name in newProperties)) {
      pair.report({ rule: "removed-field", where: at(name), detail: `field ${name} is gone` });
    } else if (pair.direction === "response" && oldRequired.has(name) && !newRequired.has(name)) {
      pair.report({
        rule: "field-now-optional",
        where: at(name),
        detail: `field ${name} is no longer required`,
      });
    }
  }
  if (pair.direction === "request") {
    for (const name of newRequired) {
      if (oldRequired.has(name)) continue;
      const rule = name in oldProperties ? "field-now-required" : "new-required-field";
      pair.report({ rule, where: at(name), detail: `field ${name} is now required` });
    }
  }
  for (const name of Object.keys(oldProperties)) {
    if (name in newProperties) compareAt(pair, oldProperties[name], newProperties[name], at(name), onStack);
  }
}

function requiredOf(schema: JsonObject): Set<string> {
  const required = Array.isArray(schema.required) ? schema.required : [];
  return new Set(required.filter((name): name is string => typeof name === "string"));
}

// Types as sets; a schema without `type` accepts every type, unless it is a union (anyOf/oneOf)
// whose every branch has types. An integer is also a number.
function typesOf(spec: Spec, schema: JsonObject): Set<string> | undefined {
  const declared = schema.type;
  let types: Set<string> | undefined;
  if (typeof declared === "string") types = new Set([declared]);
  else if (Array.isArray(declared))
    types = new Set(declared.filter((t): t is string => typeof t === "string"));
  else {
    const branches = unionBranches(spec, schema);
    if (branches === undefined) return undefined;
    types = new Set();
    for (const branch of branches) {
      const branchTypes = typesOf(spec, branch);
      if (branchTypes === undefined) return undefined;
      for (const type of branchTypes) types.add(type);
    }
  }
  if (schema.nullable === true) types.add("null");
  return types;
}

/** The branches of an `anyOf` or `oneOf`, resolved; `undefined` when the schema is no union. */
function unionBranches(spec: Spec, schema: JsonObject): JsonObject[] | undefined {
  const union = Array.isArray(schema.anyOf)
    ? schema.anyOf
    : Array.isArray(schema.oneOf)
      ? schema.oneOf
      : undefined;
  if (union === undefined) return undefined;
  const branches: JsonObject[] = [];
  for (const raw of union) {
    const branch = spec.resolve(raw)?.value;
    if (branch === undefined) return undefined;
    branches.push(branch);
  }
  return branches;
}

/**
 * A union whose branches are values only (types, consts, enums, annotations; no objects or arrays)
 * is judged by its types and values; any other union is compared as a whole.
 */
function isValueUnion(spec: Spec, schema: JsonObject): boolean {
  const branches = unionBranches(spec, schema);
  if (branches === undefined) return false;
  return branches.every((branch) =>
    Object.keys(branch).every(
      (keyword) =>
        VALUE_KEYWORDS.has(keyword) ||
        ANNOTATIONS.has(keyword) ||
        keyword.startsWith("x-") ||
        ((keyword === "anyOf" || keyword === "oneOf") && isValueUnion(spec, branch)),
    ),
  );
}

function accepts(types: Set<string> | undefined, type: string): boolean {
  return types === undefined || types.has(type) || (type === "integer" && types.has("number"));
}

function compareTypes(
  pair: SchemaPair,
  older: JsonObject,
  newer: JsonObject,
  report: (rule: BreakRule, detail: string) => void,
): void {
  const asRequest = pair.direction === "request";
  const oldTypes = typesOf(pair.oldSpec, older);
  const newTypes = typesOf(pair.newSpec, newer);
  const shown = `type ${showTypes(oldTypes)} -> ${showTypes(newTypes)}`;
  if (asRequest) {
    const lost =
      oldTypes === undefined ? newTypes !== undefined : [...oldTypes].some((t) => !accepts(newTypes, t));
    if (lost) report("narrowed-type", shown);
  } else {
    const gained =
      newTypes === undefined ? oldTypes !== undefined : [...newTypes].some((t) => !accepts(oldTypes, t));
    if (gained) report("widened-type", shown);
  }
}

function showTypes(types: Set<string> | undefined): string {
  return types === undefined ? "any" : [...types].join("|");
}

// The values a schema is restricted to; a union restricts only when every branch does.
function enumOf(spec: Spec, schema: JsonObject): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if ("const" in schema) return [schema.const];
  const branches = unionBranches(spec, schema);
  if (branches === undefined) return undefined;
  const values: unknown[] = [];
  for (const branch of branches) {
    const branchValues = enumOf(spec, branch);
    if (branchValues === undefined) return undefined;
    values.push(...branchValues);
  }
  return values;
}

function compareEnums(
  pair: SchemaPair,
  older: JsonObject,
  newer: JsonObject,
  report: (rule: BreakRule, detail: string) => void,
): void {
  const asRequest = pair.direction === "request";
  const oldValues = enumOf(pair.oldSpec, older);
  const newValues = enumOf(pair.newSpec, newer);
  if (oldValues !== undefined && newValues !== undefined) {
    const removed = oldValues.filter((value) => !newValues.some((kept) => sameJson(value, kept)));
    if (removed.length > 0) report("removed-enum-value", `enum loses ${removed.map(show).join(", ")}`);
  } else if (asRequest && oldValues === undefined && newValues !== undefined) {
    report("narrowed-values", `now only ${newValues.map(show).join(", ")}`);
  } else if (!asRequest && oldValues !== undefined && newValues === undefined) {
    report("widened-values", `no longer only ${oldValues.map(show).join(", ")}`);
  }
}

function strictness(keyword: string, before: unknown, after: unknown): Strictness {
  if (sameJson(before, after)) return "same";
  if (before === undefined) return keyword === "uniqueItems" && after === false ? "same" : "stricter";
  if (after === undefined) return keyword === "uniqueItems" && before === false ? "same" : "looser";
  if (keyword === "uniqueItems") return after === true ? "stricter" : "looser";
  const isLower = (LOWER_BOUNDS as readonly string[]).includes(keyword);
  const isUpper = (UPPER_BOUNDS as readonly string[]).includes(keyword);
  if ((isLower || isUpper) && typeof before === "number" && typeof after === "number") {
    return after > before === isLower ? "stricter" : "looser";
  }
  return "different";
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function show(value: unknown): string {
  return value === undefined ? "none" : JSON.stringify(value);
}

/** A value's JSON with local `$ref`s inlined and keys sorted, so equal schemas compare equal. */
function canonical(spec: Spec, value: unknown, onStack: ReadonlySet<string> = new Set()): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonical(spec, item, onStack)).join(",")}]`;
  if (!isObject(value)) return JSON.stringify(value) ?? "undefined";
  const ref = typeof value.$ref === "string" ? value.$ref : undefined;
  if (ref !== undefined) {
    if (onStack.has(ref)) return JSON.stringify(ref);
    const resolved = spec.resolve(value);
    return canonical(spec, resolved?.value, new Set([...onStack, ref]));
  }
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(spec, value[key], onStack)}`).join(",")}}`;
}
