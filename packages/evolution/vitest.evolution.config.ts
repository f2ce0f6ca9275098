import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["evolution/**/*.test.ts"],
    // One scratch copy and one TypeScript program serve every case, in order.
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
