// `pnpm codegen`: generates src/generated/ from openapi/stream-tokens.yaml, and the error-code table
// in the spec's own description from its ErrorCode schema.
// `--check` generates everything in memory and fails, naming each stale file, when any committed
// file differs from what the spec generates.
import { readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { checksSource } from "./codegen/checks.mjs";
import { constantsSource } from "./codegen/constants.mjs";
import { errorCodesOf, withErrorCodeTable } from "./codegen/error-codes.mjs";
import { loadSpec } from "./codegen/spec.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../..");
const specPath = join(root, "openapi/stream-tokens.yaml");
const generatedDir = join(here, "../src/generated");

// Line comments, not JSDoc: declaration files (the library's shipped .d.ts) leave them out.
const header = (how) => `// GENERATED FILE: do not edit by hand.
// Generated ${how} from openapi/stream-tokens.yaml.
// Regenerate with \`pnpm codegen\`; \`pnpm check\` fails when this file is stale.

`;

const spec = await loadSpec(specPath);
const types = astToString(await openapiTS(new URL(`file://${specPath}`), { alphabetize: false }));

/** Every file codegen owns, with the text the spec gives it. */
const outputs = [
  { path: specPath, text: withErrorCodeTable(spec.text, errorCodesOf(spec.document)) },
  { path: join(generatedDir, "stream-tokens.ts"), text: header("by openapi-typescript") + types },
  {
    path: join(generatedDir, "constants.ts"),
    text: header("by packages/api-types/scripts/codegen") + constantsSource(spec.document),
  },
  {
    path: join(generatedDir, "checks.ts"),
    text: header("by packages/api-types/scripts/codegen") + checksSource(spec.document),
  },
];

const shown = (path) => relative(root, path);

if (process.argv.includes("--check")) {
  const stale = [];
  for (const { path, text } of outputs) {
    const committed = await readFile(path, "utf8").catch(() => "");
    if (committed !== text) stale.push(shown(path));
  }
  if (stale.length > 0) {
    console.error(
      `codegen drift: stale against openapi/stream-tokens.yaml: ${stale.join(", ")}. Run \`pnpm codegen\`.`,
    );
    process.exit(1);
  }
  console.log("codegen: generated files are up to date");
} else {
  for (const { path, text } of outputs) {
    const current = await readFile(path, "utf8").catch(() => "");
    if (current === text) continue;
    const tmp = `${path}.tmp`;
    await writeFile(tmp, text);
    await rename(tmp, path);
    console.log(`codegen: wrote ${shown(path)}`);
  }
}
