// Runs this package's tests a second time on Node 24. The local server those tests start stays on
// the PATH's Node (20): its native SQLite addon is built for the Node that installed it.
import { spawnSync } from "node:child_process";
import { node24 } from "./node24.mjs";

const packageDir = new URL("..", import.meta.url).pathname;
const { binary, version } = node24();
console.log(`stream-tokens: running the tests on Node ${version}`);

const vitest = `${packageDir}node_modules/vitest/vitest.mjs`;
const run = spawnSync(binary, [vitest, "run", "--reporter=default"], { cwd: packageDir, stdio: "inherit" });
process.exit(run.status ?? 1);
