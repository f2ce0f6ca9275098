// What a consumer's bundler makes of the built package: the ESM build bundled with openapi-fetch by
// esbuild (as tsup carries it), minified and gzipped. `pnpm bench` prints it; a test bounds it.
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";

const packageDir = new URL("..", import.meta.url).pathname;
const esbuild = createRequire(createRequire(import.meta.url).resolve("tsup"))("esbuild");

/**
 * The bytes of a bundle of `source`, a module that imports from the built package ("stream-tokens"
 * and "stream-tokens/rotator"), minified and gzipped; `external` lists packages left out of it.
 */
export function bundleSize(source, external = []) {
  const result = esbuild.buildSync({
    stdin: { contents: source, resolveDir: packageDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    write: false,
    external,
    logLevel: "silent",
    alias: {
      "stream-tokens": `${packageDir}dist/index.js`,
      "stream-tokens/rotator": `${packageDir}dist/rotator.js`,
    },
  });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gzip: gzipSync(code).length };
}

/** The bundles worth knowing, by what a consumer imports. */
export const BUNDLES = {
  /** Every export of the client's entry: the measure of the 10 KB goal. */
  entry: 'export * from "stream-tokens";',
  /** The client's entry and the rotator's. */
  entryAndRotator: 'export * from "stream-tokens"; export * from "stream-tokens/rotator";',
  /** The least a program uses: the client, tree-shaken. */
  clientOnly: 'export { Client } from "stream-tokens";',
};

/** The goal of issue 11: the client's entry with openapi-fetch, at most 10 KB min+gz. */
export const GOAL_BYTES = 10_240;
