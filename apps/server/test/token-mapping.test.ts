import type { StreamToken } from "@stream-tokens/api-types";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/database.js";
import { loadSpec } from "../src/spec.js";
import {
  everyFieldHandled,
  STREAM_TOKEN_FIELDS,
  TOKEN_COLUMNS,
  type TokenFieldMappings,
} from "../src/token-mapping.js";

describe("the mapping between stream_tokens rows and StreamToken", () => {
  it("reads every stored field from a column that the migrations create", () => {
    const db = openDatabase(":memory:");
    try {
      const columns = db
        .prepare("SELECT name FROM pragma_table_info('stream_tokens')")
        .pluck()
        .all()
        .map(String);
      expect(columns).toEqual(expect.arrayContaining([...TOKEN_COLUMNS]));
    } finally {
      db.close();
    }
  });

  it("maps every field of StreamToken, and the compiler refuses a mapping that misses one", () => {
    type WithNewField = StreamToken & { not_in_the_spec: string | null };
    // @ts-expect-error `not_in_the_spec` has no mapping: a new field of StreamToken fails the typecheck.
    const incomplete: TokenFieldMappings<WithNewField> = STREAM_TOKEN_FIELDS;
    // The fields the spec gives a token (so a field added to the spec and mapped keeps this green).
    const token = loadSpec().operations.find((operation) => operation.operationId === "getStreamToken");
    const properties = token?.successBodies.get(200)?.properties;
    expect(Object.keys(incomplete).sort()).toEqual(Object.keys(properties ?? {}).sort());
  });

  it("the compiler refuses a request body with a field that is neither stored nor declared not stored", () => {
    const body: { label?: string } = { label: "new" };
    // @ts-expect-error `label` is left over: a new body field fails the typecheck where bodies are stored.
    everyFieldHandled(body);
    everyFieldHandled({});
  });
});
