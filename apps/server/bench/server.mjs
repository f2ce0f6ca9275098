// The local server under test, started through startServer on a database file, with fixtures:
// one token to get and 1,000 more to list. Prints {"url", "apiToken", "tokenId", "tokenJson"}.
import { startServer } from "../dist/index.js";
import { answerCpuProbes } from "./cpu-probe.mjs";

const db = process.argv[2] ?? ":memory:";
const server = await startServer({ db, seed: true });
const apiToken = server.apiTokens.account;
server.insertTemporaryTokens(apiToken, 1000);
const response = await fetch(`${server.url}/v1/streams/tokens/`, {
  method: "POST",
  headers: { authorization: `Token ${apiToken}`, "content-type": "application/json" },
  body: '{"permanent":false}',
});
const token = await response.json();
const info = { url: server.url, apiToken, tokenId: token.id, tokenJson: JSON.stringify(token) };
process.stdout.write(`${JSON.stringify(info)}\n`);
answerCpuProbes();
process.on("SIGTERM", () => server.close().then(() => process.exit(0)));
