import { defineConfig } from "vitest/config";
import { packageDefines } from "../../scripts/package-defines.js";

export default defineConfig({
  // The evolution test's probes run the library's sources, whose User-Agent names the library.
  define: packageDefines(new URL("../sdk/", import.meta.url)),
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
  },
});
