// src/generated/checks.ts: the checks of a caller's arguments and of a server's answers, compiled
// from the spec's schemas into plain functions (no schema library at run time).
//
// - A request check (`check<Operation>Query`, `check<Operation>Body`) takes what a caller passed,
//   refuses what the schema refuses (unknown keys where it says `additionalProperties: false`), and
//   returns a copy of the known keys with the spec's defaults applied, or an `Issue`.
// - A response check (`check<Operation>Response`) refuses an answer that breaks the schema and
//   returns the answer itself otherwise, fields the schema does not name included.
// - `is<Schema>` guards the component schemas that answers use.
// Keywords that the compiler does not know fail the codegen, so that no rule is silently skipped.
import { deref, isObject, lookup, operationsOf, RANGE_KEYWORDS } from "./spec.mjs";

const ANNOTATIONS = new Set([
  "title",
  "description",
  "examples",
  "example",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "$comment",
  "format",
]);
const KEYWORDS = new Set([
  ...ANNOTATIONS,
  "$ref",
  "type",
  "const",
  "enum",
  "anyOf",
  "oneOf",
  "allOf",
  ...RANGE_KEYWORDS,
  "pattern",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
]);
const STRUCTURAL = ["properties", "required", "additionalProperties", "items", "minItems", "maxItems"];
// RFC 3339 (ISO 8601 with an offset), as the API writes it: 2021-05-28T10:37:51.433760+00:00, with
// any number of fraction digits as RFC 3339 allows (`\d+` also tests in 2/3 of the time of `\d{1,9}`:
// every answer's check runs it).
const DATE_TIME = "/^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2})$/i";
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

const pascal = (name) => name.charAt(0).toUpperCase() + name.slice(1);
const json = (value) => JSON.stringify(value);

class Compiler {
  constructor(document) {
    this.document = document;
    /** "request": unknown keys refused where the schema says so; "response": unknown keys kept. */
    this.mode = "response";
    /** Hoisted constants (regular expressions, key lists), by their source. */
    this.constants = new Map();
    /** Component validators, by schema name: their source once compiled. */
    this.components = new Map();
    /** The one condition that passes a valid object, by where its schema is (for `is<Schema>`). */
    this.guards = new Map();
    this.variables = 0;
  }

  constant(source, prefix) {
    if (!this.constants.has(source)) this.constants.set(source, `${prefix}${this.constants.size}`);
    return this.constants.get(source);
  }

  variable() {
    return `v${this.variables++}`;
  }

  /** Fails the codegen on a keyword this compiler cannot check. */
  assertKnown(schema, where) {
    if (schema === true || schema === false) throw new Error(`${where}: boolean schemas are not supported`);
    for (const key of Object.keys(schema)) {
      if (!KEYWORDS.has(key) && !key.startsWith("x-")) {
        throw new Error(`${where}: the keyword "${key}" is not supported by the generated checks`);
      }
    }
    if (schema.additionalProperties !== undefined && typeof schema.additionalProperties !== "boolean") {
      throw new Error(`${where}: additionalProperties must be true or false`);
    }
  }

  typesOf(schema) {
    if (schema.type === undefined) return [];
    return Array.isArray(schema.type) ? schema.type : [schema.type];
  }

  /** Whether a schema is checked by one condition (no properties, items or references). */
  isScalar(schema) {
    if (schema.$ref !== undefined) return false;
    if (STRUCTURAL.some((key) => key in schema)) return false;
    const types = this.typesOf(schema);
    if (types.includes("object") || types.includes("array")) return false;
    return ["anyOf", "oneOf", "allOf"].every(
      (key) => schema[key] === undefined || schema[key].every((branch) => this.isScalar(branch)),
    );
  }

  /** What a value must be, in words: "an integer from 1 to 100", "a date-time or null". */
  expectation(schema) {
    if (schema.const !== undefined) return json(schema.const);
    if (schema.enum !== undefined) return `one of ${schema.enum.map(json).join(", ")}`;
    for (const key of ["anyOf", "oneOf"]) {
      if (schema[key] !== undefined) {
        const words = [...new Set(schema[key].map((branch) => this.expectation(branch)))];
        return words.length > 4 ? `one of ${schema[key].length} accepted values` : words.join(" or ");
      }
    }
    if (schema.allOf !== undefined)
      return schema.allOf.map((branch) => this.expectation(branch)).join(" and ");
    const types = this.typesOf(schema);
    if (types.length === 0) return "a value";
    return types.map((type) => this.typeWords(type, schema)).join(" or ");
  }

  typeWords(type, schema) {
    switch (type) {
      case "boolean":
        return "true or false";
      case "null":
        return "null";
      case "integer":
      case "number":
        return `${type === "integer" ? "an integer" : "a number"}${rangeWords(schema)}`;
      case "string": {
        if (schema.format === "date-time") return "an ISO 8601 date-time";
        const { minLength: min, maxLength: max } = schema;
        let words = "a string";
        if (min !== undefined && max !== undefined) words = `a string of ${min} to ${max} characters`;
        else if (min === 1) words = "a non-empty string";
        else if (min !== undefined) words = `a string of at least ${min} characters`;
        else if (max !== undefined) words = `a string of at most ${max} characters`;
        return schema.pattern === undefined ? words : `${words} matching /${schema.pattern}/`;
      }
      case "object":
        return "an object";
      case "array":
        return "an array";
      default:
        throw new Error(`unknown type ${type}`);
    }
  }

  /** A JavaScript condition, true when `v` passes a scalar schema. */
  condition(schema, v, where) {
    this.assertKnown(schema, where);
    if (schema.const !== undefined) return `${v} === ${json(schema.const)}`;
    if (schema.enum !== undefined)
      return `(${schema.enum.map((value) => `${v} === ${json(value)}`).join(" || ")})`;
    const parts = [];
    if (schema.anyOf !== undefined) {
      parts.push(
        `(${schema.anyOf.map((b, i) => this.condition(b, v, `${where}.anyOf[${i}]`)).join(" || ")})`,
      );
    }
    if (schema.oneOf !== undefined) {
      const counted = schema.oneOf.map((b, i) => `(${this.condition(b, v, `${where}.oneOf[${i}]`)} ? 1 : 0)`);
      parts.push(`${counted.join(" + ")} === 1`);
    }
    if (schema.allOf !== undefined) {
      parts.push(...schema.allOf.map((b, i) => `(${this.condition(b, v, `${where}.allOf[${i}]`)})`));
    }
    const types = this.typesOf(schema);
    if (types.length > 0) {
      const each = types.map((type) => this.typeCondition(type, schema, v));
      parts.push(each.length === 1 ? each[0] : `(${each.join(" || ")})`);
    }
    return parts.length === 0 ? "true" : parts.join(" && ");
  }

  typeCondition(type, schema, v) {
    switch (type) {
      case "boolean":
        return `typeof ${v} === "boolean"`;
      case "null":
        return `${v} === null`;
      case "integer":
      case "number": {
        const checks = [type === "integer" ? `Number.isInteger(${v})` : `Number.isFinite(${v})`];
        if (schema.minimum !== undefined) checks.push(`${v} >= ${schema.minimum}`);
        if (schema.maximum !== undefined) checks.push(`${v} <= ${schema.maximum}`);
        if (schema.exclusiveMinimum !== undefined) checks.push(`${v} > ${schema.exclusiveMinimum}`);
        if (schema.exclusiveMaximum !== undefined) checks.push(`${v} < ${schema.exclusiveMaximum}`);
        return `(typeof ${v} === "number" && ${checks.join(" && ")})`;
      }
      case "string": {
        const checks = [`typeof ${v} === "string"`];
        if (schema.minLength === 1) checks.push(`${v} !== ""`);
        else if (schema.minLength !== undefined) checks.push(`codePoints(${v}) >= ${schema.minLength}`);
        if (schema.maxLength !== undefined) checks.push(`codePoints(${v}) <= ${schema.maxLength}`);
        if (schema.pattern !== undefined) {
          checks.push(`${this.constant(`new RegExp(${json(schema.pattern)}, "u")`, "pattern")}.test(${v})`);
        }
        if (schema.format === "date-time") checks.push(`${this.constant(DATE_TIME, "pattern")}.test(${v})`);
        return `(${checks.join(" && ")})`;
      }
      default:
        throw new Error(`type ${type} is not scalar`);
    }
  }

  /** The name of a hoisted predicate `(v) => boolean` for a scalar schema. */
  predicate(schema, where) {
    const condition = this.condition(schema, "v", where);
    return this.constant(`(v: unknown): boolean => ${condition}`, "test");
  }

  /**
   * The name of a hoisted validator `(value, path) => Issue | undefined` for any schema: a component's
   * for a reference (inlined in request mode), else one compiled for this schema.
   */
  validator(schema, where) {
    this.assertKnown(schema, where);
    if (schema.$ref !== undefined) {
      if (this.mode === "request") return this.validator(deref(this.document, schema), where);
      return `validate${this.component(schema.$ref)}`;
    }
    const body = this.validatorBody(schema, where);
    return this.constant(`(value: unknown, path: string): Issue | undefined => {\n${body}\n}`, "check");
  }

  /** The statements of a validator of `value` at `path`. */
  validatorBody(schema, where) {
    if (this.isScalar(schema)) {
      return `  return ${this.predicate(schema, where)}(value) ? undefined : fail(path, ${json(this.expectation(schema))}, value);`;
    }
    const types = this.typesOf(schema).filter((type) => type !== "null");
    if (schema.anyOf || schema.oneOf || schema.allOf || types.length > 1) {
      throw new Error(
        `${where}: objects and arrays must have one type (or it and null), without anyOf/oneOf/allOf`,
      );
    }
    const nullable = this.typesOf(schema).includes("null");
    const lines = nullable ? ["  if (value === null) return undefined;"] : [];
    if (types[0] === "object" || (types.length === 0 && "properties" in schema)) {
      lines.push(...this.objectLines(schema, where, nullable));
    } else if (types[0] === "array") {
      lines.push(...this.arrayLines(schema, where, nullable));
    } else {
      throw new Error(`${where}: properties or items on a schema of type ${types.join(", ") || "(none)"}`);
    }
    return lines.join("\n");
  }

  objectLines(schema, where, nullable) {
    const expected = nullable ? "an object or null" : "an object";
    const properties = schema.properties ?? {};
    const names = Object.keys(properties);
    const required = new Set(schema.required ?? []);
    for (const name of required) {
      if (!(name in properties)) throw new Error(`${where}: required ${name} is not among its properties`);
    }
    const checks = [];
    // The `is<Schema>` guard of an answer's object is one condition (the tests called directly), with
    // no message; the validator walks field by field to name the fault. The walk costs some 0.2 µs
    // more per token than the condition would, which a request of 400 µs does not notice, and
    // keeping one form of each test keeps the bundle small. Requests refuse unknown keys (no guard).
    // Each part of the condition, given the name of the path a nested validator gets.
    const quick = [];
    if (schema.additionalProperties === false && this.mode === "request") {
      checks.push(`closed(value, path, ${this.keys(names)})`);
      quick.push(() => "false");
    }
    for (const name of names) {
      const property = properties[name];
      const at = `${where}.properties.${name}`;
      const isRequired = required.has(name) ? ", true" : "";
      const resolved = this.mode === "request" ? deref(this.document, property) : property;
      const v = `value[${json(name)}]`;
      // A test of a typed schema refuses undefined itself; a required property of any other needs a
      // test of presence first, and an optional one passes when absent.
      const typed = this.typesOf(resolved).length > 0 && !this.typesOf(resolved).includes("null");
      const guard = (test) =>
        !required.has(name)
          ? `(${v} === undefined || ${test})`
          : typed
            ? test
            : `(${v} !== undefined && ${test})`;
      if (this.isScalar(resolved)) {
        const test = this.predicate(resolved, at);
        checks.push(
          `field(value, path, ${json(name)}, ${test}, ${json(this.expectation(resolved))}${isRequired})`,
        );
        quick.push(() => guard(`${test}(${v})`));
      } else {
        const validator = this.validator(resolved, at);
        checks.push(`nested(value, path, ${json(name)}, ${validator}${isRequired})`);
        quick.push((path) => guard(`${validator}(${v}, ${path}) === undefined`));
      }
    }
    const lines = [`  if (!isObject(value)) return fail(path, ${json(expected)}, value);`];
    if (checks.length === 0) return [...lines, "  return undefined;"];
    const condition = (path) => quick.map((part) => part(path)).join(" && ");
    if (quick.length > 0 && !nullable && !quick.some((part) => part("path") === "false")) {
      this.guards.set(where, `isObject(value) && ${condition('""')}`);
    }
    return [...lines, `  return (\n    ${checks.join(" ??\n    ")}\n  );`];
  }

  arrayLines(schema, where, nullable) {
    const expected = nullable ? "an array or null" : "an array";
    const lines = [`  if (!Array.isArray(value)) return fail(path, ${json(expected)}, value);`];
    const { minItems: min, maxItems: max } = schema;
    if (min !== undefined) {
      lines.push(`  if (value.length < ${min}) return new Issue(path, "must hold at least ${min} item(s)");`);
    }
    if (max !== undefined) {
      lines.push(`  if (value.length > ${max}) return new Issue(path, "must hold at most ${max} item(s)");`);
    }
    if (schema.items === undefined) return [...lines, "  return undefined;"];
    return [...lines, `  return items(value, path, ${this.validator(schema.items, `${where}.items`)});`];
  }

  /** The name of a hoisted list of keys. */
  keys(names) {
    return this.constant(`[${names.map(json).join(", ")}]`, "keys");
  }

  /** The name of the validator of a `#/components/schemas/<Name>` reference, compiled once. */
  component(ref) {
    const prefix = "#/components/schemas/";
    if (!ref.startsWith(prefix)) throw new Error(`only references to ${prefix}* are supported, got ${ref}`);
    const name = ref.slice(prefix.length);
    if (!this.components.has(name)) {
      this.components.set(name, undefined);
      const schema = lookup(this.document, ref);
      const where = `components.schemas.${name}`;
      const body = this.validatorBody(schema, where);
      const type = `components["schemas"][${json(name)}]`;
      const guard = this.guards.get(where) ?? `validate${name}(value, "") === undefined`;
      this.components.set(
        name,
        [
          `/** Checks a value against components.schemas.${name}; the Issue names the first fault. */`,
          `function validate${name}(value: unknown, path: string): Issue | undefined {`,
          body,
          "}",
          "",
          `/** A components.schemas.${name}, or the Issue that says why a value is not one (fields the spec does not name kept). */`,
          `export const check${name} = (value: unknown): ${type} | Issue =>`,
          `  validate${name}(value, "") ?? (value as ${type});`,
          "",
          `/** Whether a value is a components.schemas.${name} (fields the spec does not name allowed). */`,
          `export const is${name} = (value: unknown): value is ${type} => ${guard};`,
        ].join("\n"),
      );
    }
    return name;
  }
}

function rangeWords(schema) {
  const min = schema.minimum ?? schema.exclusiveMinimum;
  const max = schema.maximum ?? schema.exclusiveMaximum;
  const maxShown = max !== undefined && max < MAX_SAFE;
  if (schema.minimum !== undefined && schema.maximum !== undefined && maxShown)
    return ` from ${min} to ${max}`;
  const words = [];
  if (min !== undefined) words.push(`${schema.minimum !== undefined ? ">=" : ">"} ${min}`);
  if (maxShown) words.push(`${schema.maximum !== undefined ? "<=" : "<"} ${max}`);
  return words.length > 0 ? ` ${words.join(" and ")}` : "";
}

/** The schema of an operation's query object as a caller passes it (deprecated parameters left out). */
function querySchemaOf({ operation, parameters }) {
  const query = parameters.filter((p) => p.in === "query" && p.deprecated !== true);
  if (query.length === 0) return undefined;
  return {
    type: "object",
    properties: Object.fromEntries(query.map((p) => [p.name, p.schema ?? {}])),
    required: query.filter((p) => p.required).map((p) => p.name),
    ...(operation["x-query-schema"] ?? {}),
  };
}

/** The operation's request body: its schema (resolved) and media type, preferring JSON. */
function bodyOf(document, { operation }) {
  const body = deref(document, operation.requestBody);
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const types = Object.keys(body.content);
  const mediaType = types.includes("application/json") ? "application/json" : types[0];
  const schema = body.content[mediaType]?.schema;
  return schema === undefined ? undefined : { mediaType, schema: deref(document, schema) };
}

/** The one 2xx answer of an operation that has a JSON body, if any. */
function successBodyOf(document, { operation, method, path }) {
  const bodies = Object.entries(operation.responses ?? {})
    .filter(([status]) => /^2\d\d$/.test(status))
    .map(([, response]) => deref(document, response)?.content?.["application/json"]?.schema)
    .filter((schema) => schema !== undefined);
  if (bodies.length > 1) throw new Error(`${method} ${path}: more than one 2xx body is not supported`);
  return bodies[0];
}

/** A request check: the schema's validator, then a copy of its known keys with the spec's defaults. */
function requestCheck(compiler, name, schema, type, description, where) {
  compiler.mode = "request";
  const validate = compiler.validator(schema, where);
  compiler.mode = "response";
  const properties = schema.properties ?? {};
  const keys = compiler.keys(Object.keys(properties));
  const defaults = Object.entries(properties)
    .map(([key, property]) => [key, deref(compiler.document, property).default])
    .filter(([, value]) => value !== undefined);
  const fallbacks = compiler.constant(json(Object.fromEntries(defaults)), "defaults");
  return [
    `/** ${description}: refused with an Issue, or copied with the spec's defaults applied. */`,
    `export const ${name} = (value: unknown): ${type} | Issue =>`,
    `  ${validate}(value, "") ?? (copyKnown(value, ${keys}, ${fallbacks}) as ${type});`,
  ].join("\n");
}

function responseCheck(compiler, name, schema, type, description, where) {
  if (schema.$ref !== undefined) {
    const component = compiler.component(schema.$ref);
    return [
      `/** ${description}. */`,
      `export const ${name}: (value: unknown) => ${type} | Issue = check${component};`,
    ].join("\n");
  }
  return [
    `/** ${description}: refused with an Issue, or returned as it is (fields the spec does not name kept). */`,
    `export const ${name} = (value: unknown): ${type} | Issue =>`,
    `  ${compiler.validator(schema, where)}(value, "") ?? (value as ${type});`,
  ].join("\n");
}

/** Every component schema that an answer refers to, success or error. */
function answerComponents(document) {
  const refs = new Set();
  for (const { operation } of operationsOf(document)) {
    for (const response of Object.values(operation.responses ?? {})) {
      const schema = deref(document, response)?.content?.["application/json"]?.schema;
      if (isObject(schema) && typeof schema.$ref === "string") refs.add(schema.$ref);
    }
  }
  return [...refs];
}

/** `CallerParams<Wire>`, with the keys that have a default in the spec optional. */
function callerParams(document, wire, schema) {
  const defaulted = Object.entries(schema.properties ?? {})
    .filter(([, property]) => deref(document, property).default !== undefined)
    .map(([name]) => json(name));
  return defaulted.length === 0 ? `CallerParams<${wire}>` : `CallerParams<${wire}, ${defaulted.join(" | ")}>`;
}

export function checksSource(document) {
  const compiler = new Compiler(document);
  const exported = [];
  const typeAliases = [];
  for (const entry of operationsOf(document)) {
    const id = entry.operation.operationId;
    const op = `operations[${json(id)}]`;
    const query = querySchemaOf(entry);
    if (query) {
      const deprecated = entry.parameters.filter((p) => p.in === "query" && p.deprecated === true);
      const full = `NonNullable<${op}["parameters"]["query"]>`;
      const wire =
        deprecated.length === 0 ? full : `Omit<${full}, ${deprecated.map((p) => json(p.name)).join(" | ")}>`;
      typeAliases.push(
        `/** What \`${id}\` takes as its query, as a caller passes it${deprecated.length ? ` (deprecated parameters left out: ${deprecated.map((p) => p.name).join(", ")})` : ""}. */`,
        `export type ${pascal(id)}Params = ${callerParams(document, wire, query)};`,
      );
      exported.push(
        requestCheck(
          compiler,
          `check${pascal(id)}Query`,
          query,
          wire,
          `Checks the query of ${id}`,
          `${id} query`,
        ),
      );
    }
    const body = bodyOf(document, entry);
    if (body) {
      if (query) throw new Error(`${id}: an operation with both a query and a body is not supported`);
      const wire = `NonNullable<${op}["requestBody"]>["content"][${json(body.mediaType)}]`;
      typeAliases.push(
        `/** What \`${id}\` takes as its body (${body.mediaType}), as a caller passes it. */`,
        `export type ${pascal(id)}Params = ${callerParams(document, wire, body.schema)};`,
      );
      exported.push(
        requestCheck(
          compiler,
          `check${pascal(id)}Body`,
          body.schema,
          wire,
          `Checks the body of ${id}`,
          `${id} body`,
        ),
      );
    }
    const success = successBodyOf(document, entry);
    if (success) {
      const status = Object.keys(entry.operation.responses).find((s) => /^2\d\d$/.test(s));
      const wire = `${op}["responses"][${json(status)}]["content"]["application/json"]`;
      exported.push(
        responseCheck(
          compiler,
          `check${pascal(id)}Response`,
          success,
          wire,
          `Checks the ${status} answer of ${id}`,
          `${id} ${status}`,
        ),
      );
    }
  }
  for (const ref of answerComponents(document)) compiler.component(ref);
  const constants = [...compiler.constants].map(([source, name]) => `const ${name} = ${source};`);
  return [
    'import { type CallerParams, closed, codePoints, copyKnown, fail, field, Issue, isObject, items, nested } from "../check.js";',
    'import type { components, operations } from "./stream-tokens.js";',
    "",
    ...typeAliases,
    "",
    ...constants,
    "",
    [...compiler.components.values()].join("\n\n"),
    "",
    exported.join("\n\n"),
    "",
  ].join("\n");
}
