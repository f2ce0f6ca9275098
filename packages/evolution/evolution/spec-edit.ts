// Scripted changes of the spec, made as a maintainer makes them: on the YAML document, keeping its
// comments and layout, each failing loudly when the spec no longer has what it changes.
import { type Document, isMap, isPair, isScalar, isSeq, parseDocument, visit, type YAMLMap } from "yaml";
import type { Scratch } from "./scratch.js";

export const SPEC_FILE = "openapi/stream-tokens.yaml";

export class SpecEdit {
  readonly #scratch: Scratch;
  readonly #document: Document;

  constructor(scratch: Scratch) {
    this.#scratch = scratch;
    this.#document = parseDocument(scratch.read(SPEC_FILE));
  }

  /** Adds an optional property to a schema of `components.schemas`. */
  addProperty(schema: string, name: string, definition: Record<string, unknown>): this {
    const properties = this.#map(["components", "schemas", schema, "properties"]);
    if (properties.has(name)) throw new Error(`spec edit: ${schema} already has ${name}`);
    properties.set(name, this.#document.createNode(definition));
    return this;
  }

  /** Renames a property of a schema, in its `required` list and in every example that has it. */
  renameProperty(schema: string, from: string, to: string): this {
    const definition = this.#map(["components", "schemas", schema]);
    const properties = this.#map(["components", "schemas", schema, "properties"]);
    const property: unknown = properties.get(from, true);
    if (property === undefined) throw new Error(`spec edit: ${schema} has no ${from}`);
    properties.delete(from);
    properties.set(to, property);
    const required: unknown = definition.get("required", true);
    if (isSeq(required)) {
      required.items = required.items.map((item) =>
        isScalar(item) && item.value === from ? this.#document.createNode(to) : item,
      );
    }
    visit(this.#document, {
      Pair: (_, pair, path) => {
        const inExample = path.some(
          (node) => isPair(node) && isScalar(node.key) && /^examples?$/.test(String(node.key.value)),
        );
        if (inExample && isScalar(pair.key) && pair.key.value === from) pair.key.value = to;
      },
    });
    return this;
  }

  /** Adds a query parameter to the operation with this operationId. */
  addQueryParameter(operationId: string, parameter: Record<string, unknown>): this {
    const operation = this.#operation(operationId);
    const parameters: unknown = operation.get("parameters", true);
    if (!isSeq(parameters)) throw new Error(`spec edit: ${operationId} has no parameters list`);
    parameters.add(this.#document.createNode({ in: "query", required: false, ...parameter }));
    return this;
  }

  /** Adds a code to the `ErrorCode` schema's list (`oneOf` of `const`, `title`, `x-status`). */
  addErrorCode(code: { const: number; title: string; "x-status": number; description: string }): this {
    const codes: unknown = this.#map(["components", "schemas", "ErrorCode"]).get("oneOf", true);
    if (!isSeq(codes)) throw new Error("spec edit: components.schemas.ErrorCode has no oneOf list");
    codes.add(this.#document.createNode(code));
    return this;
  }

  save(): void {
    this.#scratch.write(SPEC_FILE, this.#document.toString({ lineWidth: 0 }));
  }

  #map(path: string[]): YAMLMap {
    const node: unknown = this.#document.getIn(path, true);
    if (!isMap(node)) throw new Error(`spec edit: ${path.join(".")} is not in the spec`);
    return node;
  }

  #operation(operationId: string): YAMLMap {
    const paths = this.#map(["paths"]);
    for (const pathItem of paths.items) {
      if (!isMap(pathItem.value)) continue;
      for (const operation of pathItem.value.items) {
        if (isMap(operation.value) && operation.value.get("operationId") === operationId)
          return operation.value;
      }
    }
    throw new Error(`spec edit: no operation ${operationId}`);
  }
}
