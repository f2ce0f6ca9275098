import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runGate } from "../src/gate.js";
import {
  ACCEPTED_BREAKS_FILE,
  ACCEPTED_BREAKS_HEADER,
  RELEASED_SPEC_FILE,
  RELEASED_SPEC_HEADER,
  SPEC_FILE,
} from "../src/released.js";
import { writeSnapshot } from "../src/snapshot.js";

const RELEASED = `openapi: 3.1.0
info: { title: gate, version: "1" }
paths:
  /tokens/:
    get:
      operationId: listTokens
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [id, expires]
                properties: { id: { type: integer }, expires: { type: [string, "null"] } }
`;
const WITHOUT_EXPIRES = RELEASED.replace("[id, expires]", "[id]").replace(
  ', expires: { type: [string, "null"] }',
  "",
);
const EXPIRES_BREAKS = ["removed-field: GET /tokens/ response 200 application/json.expires"];

let root = "";
afterEach(() => rmSync(root, { recursive: true, force: true }));

function workspace(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), "evolution-gate-"));
  const all: Record<string, string> = {
    "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
    "packages/library/package.json": JSON.stringify({ name: "library" }),
    "packages/internal/package.json": JSON.stringify({ name: "@x/internal", private: true }),
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const changeset = (bumps: string) => `---\n${bumps}\n---\n\nWhat changed.\n`;

describe("the breaking-change gate", () => {
  it("passes when the spec breaks nothing of the released one", () => {
    const result = runGate(
      workspace({ [SPEC_FILE]: RELEASED, [RELEASED_SPEC_FILE]: RELEASED_SPEC_HEADER + RELEASED }),
    );
    expect(result).toEqual({ passed: true, lines: ["spec: no change breaks clients of the released spec."] });
  });

  it("fails on a break, naming it and both ways to acknowledge it", () => {
    const result = runGate(workspace({ [SPEC_FILE]: WITHOUT_EXPIRES, [RELEASED_SPEC_FILE]: RELEASED }));
    expect(result.passed).toBe(false);
    const text = result.lines.join("\n");
    expect(text).toContain(`${EXPIRES_BREAKS[0]} (field expires is gone)`);
    expect(text).toContain("changeset in .changeset/ that bumps a public package by major");
    expect(text).toContain(ACCEPTED_BREAKS_FILE);
  });

  it("passes a break that a major changeset of a public package acknowledges", () => {
    const result = runGate(
      workspace({
        [SPEC_FILE]: WITHOUT_EXPIRES,
        [RELEASED_SPEC_FILE]: RELEASED,
        ".changeset/drop-expires.md": changeset('"library": major\n"@x/internal": minor'),
      }),
    );
    expect(result.passed).toBe(true);
    expect(result.lines[0]).toContain("acknowledged by .changeset/drop-expires.md (library: major)");
  });

  it("fails on a changeset that `changeset version` cannot read, naming it, whatever the spec", () => {
    const result = runGate(
      workspace({
        [SPEC_FILE]: RELEASED,
        [RELEASED_SPEC_FILE]: RELEASED,
        ".changeset/good.md": changeset('"library": minor'),
        ".changeset/heading.md": '---\n\n## "library": minor\n\n---\n\nWhat changed.\n',
        ".changeset/typo.md": changeset('"library": mayor'),
        ".changeset/none.md": "What changed.\n",
      }),
    );
    expect(result.passed).toBe(false);
    expect(result.lines).toEqual([
      "changesets: `changeset version` cannot read these, so no release can be made:",
      '  .changeset/heading.md: its front matter (between "---" lines) lists no package and bump',
      '  .changeset/none.md: its front matter (between "---" lines) lists no package and bump',
      "  .changeset/typo.md: library: the bump must be major, minor or patch",
      'Each begins with a line "---", a line such as "stream-tokens": minor for each package, and a line "---" (`pnpm changeset` writes them).',
    ]);
  });

  it("does not count a minor changeset, or a major one of a private package", () => {
    const result = runGate(
      workspace({
        [SPEC_FILE]: WITHOUT_EXPIRES,
        [RELEASED_SPEC_FILE]: RELEASED,
        ".changeset/a.md": changeset('"library": minor'),
        ".changeset/b.md": changeset('"@x/internal": major'),
      }),
    );
    expect(result.passed).toBe(false);
  });

  it("passes a break listed in the accepted-breaks file below its reason", () => {
    const accepted = `${ACCEPTED_BREAKS_HEADER}\n# The platform never sent expires.\n${EXPIRES_BREAKS[0]}\n`;
    const result = runGate(
      workspace({
        [SPEC_FILE]: WITHOUT_EXPIRES,
        [RELEASED_SPEC_FILE]: RELEASED,
        [ACCEPTED_BREAKS_FILE]: accepted,
      }),
    );
    expect(result).toEqual({
      passed: true,
      lines: [`spec: no change breaks clients of the released spec (1 accepted in ${ACCEPTED_BREAKS_FILE}).`],
    });
  });

  it("refuses an accepted break without a reason above it", () => {
    const accepted = `${ACCEPTED_BREAKS_HEADER}\n${EXPIRES_BREAKS[0]}\n`;
    const root = workspace({
      [SPEC_FILE]: WITHOUT_EXPIRES,
      [RELEASED_SPEC_FILE]: RELEASED,
      [ACCEPTED_BREAKS_FILE]: accepted,
    });
    expect(() => runGate(root)).toThrow(
      `${ACCEPTED_BREAKS_FILE}:6: "${EXPIRES_BREAKS[0]}" needs a "# why" line`,
    );
  });

  it("says which accepted break no longer happens", () => {
    const accepted = `${ACCEPTED_BREAKS_HEADER}\n# Old news.\n${EXPIRES_BREAKS[0]}\n`;
    const result = runGate(
      workspace({ [SPEC_FILE]: RELEASED, [RELEASED_SPEC_FILE]: RELEASED, [ACCEPTED_BREAKS_FILE]: accepted }),
    );
    expect(result.passed).toBe(true);
    expect(result.lines[0]).toBe(`spec: ${ACCEPTED_BREAKS_FILE}:7 matches no break any more; delete it.`);
  });

  it("fails, saying how to make one, when there is no released spec", () => {
    const result = runGate(workspace({ [SPEC_FILE]: RELEASED }));
    expect(result.passed).toBe(false);
    expect(result.lines[0]).toContain("`pnpm spec:snapshot` writes it");
  });

  it("the snapshot records the spec as released and empties the accepted breaks", () => {
    const accepted = `${ACCEPTED_BREAKS_HEADER}\n# Old news.\n${EXPIRES_BREAKS[0]}\n`;
    const root = workspace({ [SPEC_FILE]: WITHOUT_EXPIRES, [ACCEPTED_BREAKS_FILE]: accepted });
    writeSnapshot(root);
    expect(readFileSync(join(root, RELEASED_SPEC_FILE), "utf8")).toBe(RELEASED_SPEC_HEADER + WITHOUT_EXPIRES);
    expect(readFileSync(join(root, ACCEPTED_BREAKS_FILE), "utf8")).toBe(ACCEPTED_BREAKS_HEADER);
    expect(runGate(root).passed).toBe(true);
  });
});
