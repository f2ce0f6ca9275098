import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { type components, ErrorCode, limits, parameterBounds } from "../src/index.js";

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const specPath = fileURLToPath(new URL("../../../openapi/stream-tokens.yaml", import.meta.url));
const specText = await readFile(specPath, "utf8");
const spec = parse(specText);
const scratch: string[] = [];

afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A scratch workspace with this package's scripts and sources, and `specText` as its spec. */
async function workspaceWith(text: string): Promise<{ root: string; generator: string }> {
  const root = await mkdtemp(join(tmpdir(), "api-types-codegen-"));
  scratch.push(root);
  const pkg = join(root, "packages/api-types");
  await mkdir(join(root, "openapi"), { recursive: true });
  await writeFile(join(root, "openapi/stream-tokens.yaml"), text);
  await cp(join(packageDir, "scripts"), join(pkg, "scripts"), { recursive: true });
  await cp(join(packageDir, "src"), join(pkg, "src"), { recursive: true });
  await symlink(join(packageDir, "node_modules"), join(pkg, "node_modules"));
  return { root, generator: join(pkg, "scripts/generate.mjs") };
}

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const sameErrorCodeType: Equal<ErrorCode, components["schemas"]["ErrorCode"]> = true;

describe("the wire's facts, generated from the spec", () => {
  it("names every error code of the spec's ErrorCode schema, with the same type", () => {
    expect(sameErrorCodeType).toBe(true);
    const entries = spec.components.schemas.ErrorCode.oneOf as Array<{ const: number; title: string }>;
    expect(Object.entries(ErrorCode)).toEqual(entries.map((entry) => [entry.title, entry.const]));
    expect(ErrorCode.permanentLimit).toBe(1300);
  });

  it("reads the limits and parameter bounds from the spec", () => {
    expect(limits.permanentTokens).toBe(spec["x-limits"].permanentTokens.value);
    const limit = spec.components.parameters.Limit.schema;
    expect(parameterBounds.Limit).toEqual({
      minimum: limit.minimum,
      maximum: limit.maximum,
      default: limit.default,
    });
    expect(parameterBounds.IdOrKey.maxLength).toBe(spec.components.parameters.IdOrKey.schema.maxLength);
  });

  it("every mention of the permanent limit in the spec's prose agrees with x-limits", () => {
    const mentions = [...specText.matchAll(/(\d+) permanent (?:stream )?tokens/g)].map((m) => Number(m[1]));
    expect(mentions.length).toBeGreaterThan(2);
    expect(new Set(mentions)).toEqual(new Set([limits.permanentTokens]));
  });

  it("a new error code reaches the constants and the spec's table; --check names what is stale", async () => {
    const changed = parse(specText);
    changed.components.schemas.ErrorCode.oneOf.push({
      const: 1301,
      title: "tooManyTemporary",
      "x-status": 409,
      description: "too many temporary stream tokens",
    });
    const { root, generator } = await workspaceWith(stringify(changed, { lineWidth: 0 }));

    const check = await run(process.execPath, [generator, "--check"]).catch((error: unknown) => error);
    expect(String(Reflect.get(check as object, "stderr"))).toMatch(
      /stale .*openapi\/stream-tokens\.yaml, packages\/api-types\/src\/generated\/stream-tokens\.ts, packages\/api-types\/src\/generated\/constants\.ts/,
    );

    await run(process.execPath, [generator]);
    const constants = await readFile(join(root, "packages/api-types/src/generated/constants.ts"), "utf8");
    expect(constants).toContain("tooManyTemporary: 1301,");
    const regenerated = await readFile(join(root, "openapi/stream-tokens.yaml"), "utf8");
    expect(regenerated).toContain("| 1301 | `tooManyTemporary` | 409 | too many temporary stream tokens |");
    await expect(run(process.execPath, [generator, "--check"])).resolves.toBeDefined();
  });

  it("refuses an error code without a name or status", async () => {
    const changed = parse(specText);
    changed.components.schemas.ErrorCode.oneOf.push({ const: 1302, description: "no name" });
    const { generator } = await workspaceWith(stringify(changed, { lineWidth: 0 }));
    const failure = await run(process.execPath, [generator]).catch((error: unknown) => error);
    expect(String(Reflect.get(failure as object, "stderr"))).toMatch(/1302.*needs a title/);
  });
});
