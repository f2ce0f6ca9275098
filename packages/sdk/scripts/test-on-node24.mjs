// Runs this package's tests a second time on Node 24. The binary comes from the npm package
// `node@24`, installed once into node_modules/.cache/node24. The local server those tests start
// stays on the PATH's Node (20): its native SQLite addon is built for the Node that installed it.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const packageDir = new URL("..", import.meta.url).pathname;
const prefix = `${packageDir}node_modules/.cache/node24`;
const binary = `${prefix}/node_modules/node/bin/node`;

if (!existsSync(binary)) {
  execFileSync("npm", ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", "node@24"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}
const version = execFileSync(binary, ["--version"], { encoding: "utf8" }).trim();
if (!version.startsWith("v24.")) throw new Error(`expected Node 24, got ${version}`);
console.log(`stream-tokens: running the tests on Node ${version}`);

const vitest = `${packageDir}node_modules/vitest/vitest.mjs`;
const run = spawnSync(binary, [vitest, "run", "--reporter=default"], { cwd: packageDir, stdio: "inherit" });
process.exit(run.status ?? 1);
