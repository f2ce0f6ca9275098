import { defineConfig } from "tsup";

export default defineConfig({
  // fullscreen: the exit-path handling on its own, for the end-to-end test of an uncaught error.
  entry: { cli: "src/cli.ts", fullscreen: "src/terminal/fullscreen.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  clean: true,
  sourcemap: true,
  // core and api-types are TypeScript sources inside the workspace: bundle them. The server (and its
  // native better-sqlite3) is resolved from node_modules at runtime, only when it is needed.
  noExternal: ["@stream-tokens/core", "@stream-tokens/api-types"],
  external: ["@stream-tokens/server", "better-sqlite3"],
});
