import { defineConfig } from "vitest/config";
import { packageDefines } from "../../scripts/package-defines.js";

export default defineConfig({
  // core ships inside the library: its User-Agent names the library's package and version.
  define: packageDefines(new URL("../sdk/", import.meta.url)),
  test: {
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
    // Generous: these tests talk to real servers over real HTTP on a machine that may be busy.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
