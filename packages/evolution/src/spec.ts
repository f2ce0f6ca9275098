// An OpenAPI document read as plain data, with its local `$ref`s followed on demand.
import { parse } from "yaml";

export type JsonObject = { readonly [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, key: string): JsonObject | undefined {
  if (!isObject(value)) return undefined;
  const child = value[key];
  return isObject(child) ? child : undefined;
}

export function arrayAt(value: unknown, key: string): readonly unknown[] {
  if (!isObject(value)) return [];
  const child = value[key];
  return Array.isArray(child) ? child : [];
}

export function stringAt(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return undefined;
  const child = value[key];
  return typeof child === "string" ? child : undefined;
}

/** An object reached through `$ref`, with the reference it came from (to stop on cycles). */
export interface Resolved {
  readonly value: JsonObject;
  readonly ref: string | undefined;
}

export class Spec {
  constructor(
    readonly name: string,
    readonly document: JsonObject,
  ) {}

  /** Follows `$ref` until an object without one; `undefined` for anything that is not an object. */
  resolve(value: unknown): Resolved | undefined {
    let current = value;
    let ref: string | undefined;
    const seen = new Set<string>();
    while (isObject(current)) {
      const next = stringAt(current, "$ref");
      if (next === undefined) return { value: current, ref };
      if (seen.has(next)) throw new Error(`${this.name}: $ref cycle through ${next}`);
      seen.add(next);
      ref = next;
      current = this.pointer(next);
    }
    return undefined;
  }

  private pointer(ref: string): unknown {
    if (!ref.startsWith("#/")) {
      throw new Error(`${this.name}: only local $refs ("#/...") are supported, not ${ref}`);
    }
    let current: unknown = this.document;
    for (const raw of ref.slice(2).split("/")) {
      const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
      if (!isObject(current) || !(key in current)) {
        throw new Error(`${this.name}: $ref ${ref} points at nothing`);
      }
      current = current[key];
    }
    return current;
  }
}

export function parseSpec(text: string, name: string): Spec {
  const document: unknown = parse(text);
  if (!isObject(document) || !isObject(document.paths)) {
    throw new Error(`${name}: not an OpenAPI document (no "paths" object)`);
  }
  return new Spec(name, document);
}
