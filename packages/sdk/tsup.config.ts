import { defineConfig } from "tsup";
import { packageDefines } from "../../scripts/package-defines.js";

export default defineConfig({
  // The rotator has an entry of its own, so that the client's entry carries only the client: in the
  // ESM build both share one chunk of core; the CJS build gives each file a copy, whose errors
  // still pass \`instanceof\` of the other (see StreamTokensError).
  entry: { index: "src/index.ts", rotator: "src/rotator.ts" },
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
