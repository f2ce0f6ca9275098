import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const specPath = fileURLToPath(new URL("../../../openapi/stream-tokens.yaml", import.meta.url));
const scratch: string[] = [];

function diagnosticsOf(usageFile: string): string[] {
  const program = ts.createProgram([usageFile], {
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

/** Copies the package's sources into a scratch folder, with the types generated from `spec`. */
async function packageWith(spec: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "api-types-"));
  scratch.push(dir);
  await cp(join(packageDir, "src"), join(dir, "src"), { recursive: true });
  await cp(join(packageDir, "test/usage.ts"), join(dir, "test/usage.ts"));
  await writeFile(join(dir, "package.json"), '{"type":"module"}');
  const ast = await openapiTS(spec as Parameters<typeof openapiTS>[0]);
  await writeFile(join(dir, "src/generated/stream-tokens.ts"), astToString(ast));
  return dir;
}

afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("generated types", () => {
  it("compile against the typed usage file", () => {
    expect(diagnosticsOf(join(packageDir, "test/usage.ts"))).toEqual([]);
  });

  it("stop compiling when the spec loses a field the code uses", async () => {
    const spec = parse(await readFile(specPath, "utf8"));
    const token = spec.components.schemas.StreamToken;
    delete token.properties.expires;
    token.required = token.required.filter((name: string) => name !== "expires");
    const dir = await packageWith(spec);
    const errors = diagnosticsOf(join(dir, "test/usage.ts"));
    expect(errors.join("\n")).toMatch(/Property 'expires' does not exist/);
  });
});
