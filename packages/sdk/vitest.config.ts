import { defineConfig } from "vitest/config";
import { packageDefines } from "../../scripts/package-defines.js";

export default defineConfig({
  define: packageDefines(new URL("./", import.meta.url)),
  test: {
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
    // Generous: these tests talk to real servers over real HTTP on a machine that may be busy.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
