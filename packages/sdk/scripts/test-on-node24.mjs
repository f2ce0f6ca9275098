// Runs this package's tests a second time on Node 24. The local server those tests start stays on
// this Node (20, passed as STREAM_TOKENS_SERVER_NODE): its native SQLite addon is built for it.
import { spawnSync } from "node:child_process";
import { node24 } from "./node24.mjs";

const packageDir = new URL("..", import.meta.url).pathname;
const { binary, version } = node24();
console.log(`stream-tokens: running the tests on Node ${version}`);

const vitest = `${packageDir}node_modules/vitest/vitest.mjs`;
const run = spawnSync(binary, [vitest, "run", "--reporter=default"], {
  cwd: packageDir,
  env: { ...process.env, STREAM_TOKENS_SERVER_NODE: process.execPath },
  stdio: "inherit",
});
process.exit(run.status ?? 1);
