import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default"],
    // Installing from the tarballs compiles SQLite's native addon once: minutes on a busy machine.
    hookTimeout: 900_000,
    testTimeout: 120_000,
    fileParallelism: false,
  },
});
