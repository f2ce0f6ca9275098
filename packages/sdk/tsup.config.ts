import { defineConfig } from "tsup";
import { packageDefines } from "../../scripts/package-defines.js";

export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  platform: "node",
  define: packageDefines(new URL("./", import.meta.url)),
  target: "node20",
  clean: true,
  sourcemap: true,
  // The workspace packages are not published: their code and types go into this bundle, once
  // per format. openapi-fetch stays a dependency.
  noExternal: [/^@stream-tokens\//],
  external: ["openapi-fetch"],
  tsconfig: "tsconfig.build.json",
  dts: true,
});
