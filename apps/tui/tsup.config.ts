import { defineConfig } from "tsup";
import { packageDefines } from "../../scripts/package-defines.js";

export default defineConfig({
  // fullscreen: the exit-path handling on its own, for the end-to-end test of an uncaught error.
  entry: { cli: "src/cli.ts", fullscreen: "src/terminal/fullscreen.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  clean: true,
  sourcemap: true,
  // Everything the UI needs is bundled (core, api-types, Ink, React and their dependencies): one file
  // to load starts about a second faster than resolving and lexing hundreds of modules. The server (and
  // its native better-sqlite3) stays external, resolved from node_modules only when it is needed.
  // (react-devtools-core is an optional import of Ink's devtools, only loaded when DEV=true.)
  noExternal: [/^(?!stream-tokens-server$|better-sqlite3$|react-devtools-core$)/],
  external: ["stream-tokens-server", "better-sqlite3", "react-devtools-core"],
  // React and Ink in their production builds (the development builds are several times slower).
  env: { NODE_ENV: "production" },
  // The CLI's --version and User-Agent (core reads the same two names).
  define: packageDefines(new URL("./", import.meta.url)),
  // Bundled CommonJS dependencies call require() for Node's built-in modules.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
});
