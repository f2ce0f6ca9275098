import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
    testTimeout: 240_000,
    hookTimeout: 60_000,
    // The suites start servers and load them; running files one at a time keeps 2 cores honest.
    fileParallelism: false,
  },
});
