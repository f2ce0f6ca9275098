import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
    // Each type test runs the TypeScript compiler: seconds on a loaded 2-core machine.
    testTimeout: 60_000,
  },
});
