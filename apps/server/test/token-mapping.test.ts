import type { StreamToken } from "@stream-tokens/api-types";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/database.js";
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
    type WithNewField = StreamToken & { label: string | null };
    // @ts-expect-error `label` has no mapping: a new field of StreamToken fails the typecheck.
    const incomplete: TokenFieldMappings<WithNewField> = STREAM_TOKEN_FIELDS;
    expect(Object.keys(incomplete).sort()).toEqual(["created", "expires", "id", "is_active", "key"]);
  });

  it("the compiler refuses a request body with a field that is neither stored nor declared not stored", () => {
    const body: { label?: string } = { label: "new" };
    // @ts-expect-error `label` is left over: a new body field fails the typecheck where bodies are stored.
    everyFieldHandled(body);
    everyFieldHandled({});
  });
});
