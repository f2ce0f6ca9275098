import { copyFileSync } from "node:fs";
import { createRequire } from "node:module";
import { defineConfig } from "tsup";

export default defineConfig({
  // index: startServer() for people's own tests, as ESM and as CommonJS for runners that require()
  // (jest); cli: the bin (dist/cli.js; the CommonJS twin is a by-product of the one config).
  entry: { index: "src/index.ts", cli: "src/cli.ts" },
  format: ["esm", "cjs"],
  // import.meta.url in CommonJS: src/spec.ts finds the shipped spec next to the module.
  shims: true,
  platform: "node",
  target: "node20",
  clean: true,
  sourcemap: true,
  // The workspace packages are private: what the server needs of them is bundled, and the
  // declarations of startServer() name nothing of them.
  noExternal: [/^@stream-tokens\//],
  dts: { entry: { index: "src/index.ts" } },
  // The spec ships inside the package, next to the modules that load it (src/spec.ts).
  onSuccess: async () => {
    const spec = createRequire(import.meta.url).resolve("@stream-tokens/openapi/stream-tokens.yaml");
    copyFileSync(spec, "dist/stream-tokens.yaml");
  },
});
