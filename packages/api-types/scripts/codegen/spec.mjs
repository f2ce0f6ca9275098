// Reads openapi/stream-tokens.yaml once for every generator, and resolves its local $refs.
import { readFile } from "node:fs/promises";
import { parse } from "yaml";

/** The spec's text and its parsed document. */
export async function loadSpec(path) {
  const text = await readFile(path, "utf8");
  return { path, text, document: parse(text) };
}

export const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

/** The node a local `$ref` (`#/components/...`) points to. */
export function lookup(document, ref) {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
  let node = document;
  for (const raw of ref.slice(2).split("/")) {
    const segment = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (!isObject(node) || !(segment in node)) throw new Error(`unresolvable $ref ${ref}`);
    node = node[segment];
  }
  return node;
}

/** `node`, or the node its `$ref` points to, followed until it has no `$ref`. */
export function deref(document, node) {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === "string"; hops++) {
    if (hops > 20) throw new Error(`$ref chain too long at ${current.$ref}`);
    current = lookup(document, current.$ref);
  }
  return current;
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch"];

/** Every operation of the spec with its path, method and resolved parameters. */
export function operationsOf(document) {
  const operations = [];
  for (const [path, rawItem] of Object.entries(document.paths ?? {})) {
    const item = deref(document, rawItem);
    const shared = (item.parameters ?? []).map((p) => deref(document, p));
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const own = (operation.parameters ?? []).map((p) => deref(document, p));
      const parameters = [
        ...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)),
        ...own,
      ];
      operations.push({ path, method, operation, parameters });
    }
  }
  return operations;
}

/** The JSON Schema keywords that bound a number or a string's length. */
export const RANGE_KEYWORDS = [
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
];
