import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
    // Generous: these tests talk to real servers over real HTTP on a machine that may be busy.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
