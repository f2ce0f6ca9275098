import { defineConfig } from "vitest/config";
import { packageDefines } from "../../scripts/package-defines.js";

export default defineConfig({
  define: packageDefines(new URL("./", import.meta.url)),
  test: {
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
