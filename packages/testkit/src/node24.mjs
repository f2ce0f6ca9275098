// The Node 24 binary the packages are also tested and measured on. It comes from the npm package
// `node@24`, installed once into testkit's node_modules/.cache/node24. Plain JavaScript, so that
// scripts run by node itself (the SDK's Node 24 run and bench) load it too.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const packageDir = new URL("..", import.meta.url).pathname;
const prefix = `${packageDir}node_modules/.cache/node24`;
const binary = `${prefix}/node_modules/node/bin/node`;

/** Returns the path of a Node 24 binary, installing it first when it is missing. */
export function node24() {
  if (!existsSync(binary)) {
    execFileSync("npm", ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", "node@24"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  const version = execFileSync(binary, ["--version"], { encoding: "utf8" }).trim();
  if (!version.startsWith("v24.")) throw new Error(`expected Node 24, got ${version}`);
  return { binary, version };
}

/**
 * Runs `node <args>` on Node 24 with inherited output, and throws when it does not exit with 0. The
 * local server stays on this Node (named in STREAM_TOKENS_SERVER_NODE): its native SQLite addon is
 * built for it.
 */
export function runOnNode24(args, { cwd } = {}) {
  const run = spawnSync(node24().binary, args, {
    cwd,
    env: { ...process.env, STREAM_TOKENS_SERVER_NODE: process.execPath },
    stdio: "inherit",
  });
  if (run.status !== 0) throw new Error(`the Node 24 run failed with status ${run.status}`);
}
