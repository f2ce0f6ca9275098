// `pnpm test:evolution`: scripted spec changes, one at a time, in a scratch copy of the workspace,
// each followed by codegen and the typecheck, asserting where the compiler leads a maintainer.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runGate } from "../src/gate.js";
import { repositoryRoot } from "../src/released.js";
import { runTests, writeErrorCodeProbes, writeListParameterProbe, writeRoundTripProbe } from "./probes.js";
import { Scratch } from "./scratch.js";
import { SPEC_FILE, SpecEdit } from "./spec-edit.js";
import { type CompileError, Typecheck } from "./typecheck.js";

const GENERATED_TYPES = "packages/api-types/src/generated/stream-tokens.ts";
const TUI_FIELDS = "apps/tui/src/token-fields.ts";
const SERVER_MAPPING = "apps/server/src/token-mapping.ts";
const STORE = "apps/server/src/store.ts";

let scratch: Scratch;
let typecheck: Typecheck;

beforeAll(() => {
  scratch = Scratch.copyOf(repositoryRoot());
  typecheck = new Typecheck(scratch.dir);
});
afterEach(() => scratch.reset());
afterAll(() => scratch?.remove());

const filesOf = (errors: readonly CompileError[]) => [...new Set(errors.map((error) => error.file))].sort();
const shown = (errors: readonly CompileError[]) =>
  errors.map((error) => `${error.file}:${error.line} TS${error.code} ${error.message}`).join("\n");

describe.sequential("a spec change, followed by the compiler", () => {
  it("an optional field of StreamToken and of the create body fails the typecheck where it must be stored or shown, and nowhere else; followed there, it round-trips", () => {
    const label = { type: "string", maxLength: 64, description: "A name for the token." };
    new SpecEdit(scratch)
      .addProperty("StreamToken", "label", label)
      .addProperty("CreateStreamTokenBody", "label", label)
      .save();
    scratch.codegen();

    expect(runGate(scratch.dir).passed).toBe(true);
    const errors = typecheck.errors();
    expect(filesOf(errors), shown(errors)).toEqual([SERVER_MAPPING, TUI_FIELDS]);

    // The follow-up a maintainer makes where the compiler pointed: the server stores and returns
    // the field (a migration adds its column, which the server's mapping test asks for), the TUI
    // shows it.
    scratch.edit(
      "apps/server/src/database.ts",
      "  `,\n];",
      '  `,\n  "ALTER TABLE stream_tokens ADD COLUMN label TEXT;",\n];',
    );
    scratch.edit(
      SERVER_MAPPING,
      "export const STREAM_TOKEN_FIELDS = {",
      'export const STREAM_TOKEN_FIELDS = {\n  label: { column: "label", read: (value) => (value === null ? undefined : text(value)) },',
    );
    scratch.edit(
      SERVER_MAPPING,
      "  permanent: boolean;\n}",
      "  permanent: boolean;\n  label: string | null;\n}",
    );
    scratch.edit(
      SERVER_MAPPING,
      "const { permanent = false, ...unhandled }",
      "const { permanent = false, label, ...unhandled }",
    );
    scratch.edit(SERVER_MAPPING, "return { permanent };", "return { permanent, label: label ?? null };");
    scratch.edit(
      TUI_FIELDS,
      "export const TOKEN_COLUMNS = {",
      'export const TOKEN_COLUMNS = {\n  label: { hidden: "in the detail pane" },',
    );
    scratch.edit(
      TUI_FIELDS,
      "export const TOKEN_DETAILS = {",
      'export const TOKEN_DETAILS = {\n  label: { label: "label", order: 6, value: (token) => token.label ?? "" },',
    );
    // Once createColumns returns the label, the create path is next: its INSERT must write it.
    expect(filesOf(typecheck.errorsIn(STORE))).toEqual([STORE]);
    scratch.edit(
      STORE,
      "const { permanent, ...unwritten } = createColumns(body);",
      "const { permanent, label, ...unwritten } = createColumns(body);",
    );
    scratch.edit(
      STORE,
      "permanent, created_us, expires_us)\n           VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
      "permanent, created_us, expires_us, label)\n           VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)",
    );
    scratch.edit(STORE, "permanent ? 1 : 0, now, expires);", "permanent ? 1 : 0, now, expires, label);");
    const probe = writeRoundTripProbe(scratch, "label", "camera 7");
    const followed = typecheck.errors();
    expect(followed, shown(followed)).toEqual([]);
    runTests(scratch, "apps/server", ["test/token-mapping.test.ts"]);
    runTests(scratch, "packages/evolution", [probe]);
  });

  it("a new error code: the server raises it by name, the library exposes it, the spec's table lists it", () => {
    new SpecEdit(scratch)
      .addErrorCode({
        const: 1600,
        title: "tokenLocked",
        "x-status": 423,
        description: "the stream token is locked",
      })
      .save();
    scratch.codegen();
    writeErrorCodeProbes(scratch, "tokenLocked", 1600, 423);
    expect(runGate(scratch.dir).passed).toBe(true);

    const errors = typecheck.errors();
    expect(errors, shown(errors)).toEqual([]);
    expect(scratch.read(SPEC_FILE)).toContain("| 1600 | `tokenLocked` | 423 | the stream token is locked |");
  });

  it("a renamed field fails the typecheck at every use", () => {
    const uses = typecheck.references(GENERATED_TYPES, ["StreamToken: {", "created:"]);
    expect(uses.length).toBeGreaterThan(0);
    // A read by name on an untyped record (a hand-written guard) is a use no rename fails.
    expect(typecheck.untypedReads("created")).toEqual([]);
    new SpecEdit(scratch).renameProperty("StreamToken", "created", "created_at").save();
    scratch.codegen();
    const gate = runGate(scratch.dir);
    expect(gate.passed).toBe(false);
    expect(gate.lines).toContain(
      "  removed-field: GET /v1/streams/tokens/{id_or_key}/ response 200 application/json.created (field created is gone)",
    );

    const errors = typecheck.errors();
    const compiled = uses.filter(
      (use) => !errors.some((error) => error.file === use.file && error.line === use.line),
    );
    expect(compiled, shown(errors)).toEqual([]);
  });

  it("a new optional query parameter of list: list() takes it, typed, and the server accepts it", () => {
    new SpecEdit(scratch)
      .addQueryParameter("listStreamTokens", { name: "label", schema: { type: "string", maxLength: 64 } })
      .save();
    scratch.codegen();
    const probe = writeListParameterProbe(scratch, "label");
    expect(runGate(scratch.dir).passed).toBe(true);

    const errors = typecheck.errors();
    expect(errors, shown(errors)).toEqual([]);
    runTests(scratch, "packages/evolution", [probe]);
  });
});
