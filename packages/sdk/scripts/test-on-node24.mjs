// Runs this package's tests a second time on Node 24. The local server those tests start stays on
// this Node (20, passed as STREAM_TOKENS_SERVER_NODE): its native SQLite addon is built for it.
import { node24, runOnNode24 } from "@stream-tokens/testkit/node24";

const packageDir = new URL("..", import.meta.url).pathname;
console.log(`stream-tokens: running the tests on Node ${node24().version}`);
const vitest = `${packageDir}node_modules/vitest/vitest.mjs`;
runOnNode24([vitest, "run", "--reporter=default"], { cwd: packageDir });
