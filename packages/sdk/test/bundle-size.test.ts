import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { expect, test } from "vitest";

// The ESM bundle a consumer's bundler makes of the built package with openapi-fetch, minified and
// gzipped, built as `pnpm bench` does ("ESM bundle size"). A size is deterministic, so it is a test.
// Issue 11 asks for at most 10,240 B; the library is not there yet (11,485 B when this test was
// written, 11,388 B now), so this ceiling only stops it from growing: lower it as the bundle shrinks.
// It leaves room for the spec to grow by two optional fields before anyone must look: each field of
// a token and a request body brings its generated check (an optional `label` measured +120 B).
const MEASURED_BYTES = 11_400;
const SPEC_GROWTH_BYTES = 250;
const CEILING_BYTES = MEASURED_BYTES + SPEC_GROWTH_BYTES;

// esbuild as tsup carries it (not a dependency of this package); only the part used here is typed.
interface Esbuild {
  buildSync(options: Record<string, unknown>): { outputFiles: { contents: Uint8Array }[] };
}
const esbuild: Esbuild = createRequire(createRequire(import.meta.url).resolve("tsup"))("esbuild");

test(`the ESM bundle with openapi-fetch stays at most ${CEILING_BYTES} B min+gz`, () => {
  const result = esbuild.buildSync({
    entryPoints: [new URL("../dist/index.js", import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents;
  expect(code).toBeDefined();
  expect(gzipSync(code ?? new Uint8Array()).length).toBeLessThanOrEqual(CEILING_BYTES);
});
