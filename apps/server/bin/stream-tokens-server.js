#!/usr/bin/env node
// The command's entry: a file that exists before the first build, since pnpm links a workspace
// package's bin at install time, before dist/ is built.
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(entry)) {
  console.error("stream-tokens-server is not built: run `pnpm build` in the repository");
  process.exit(1);
}
await import(entry.href);
