// Runs the library's README examples (compiled files, given after the Node binary to run them on)
// against a local server started with startServer(), each in a process of its own, as a user's
// project would. Prints one line per example; exits 1 when any fails.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Client } from "stream-tokens";
import { startServer } from "stream-tokens-server";

const run = promisify(execFile);
const [node, ...examples] = process.argv.slice(2);
const server = await startServer({ seed: true });
const apiToken = server.apiTokens.account;
const client = new Client({ apiToken, baseUrl: server.url });
let failed = 0;
try {
  for (const file of examples) {
    const env = { PATH: process.env.PATH, NEUROIO_API_TOKEN: apiToken, NEUROIO_API_URL: server.url };
    // The examples that act on one token take its id from STREAM_TOKEN_ID.
    if (/[/\\](get|update|delete)\.c?js$/.test(file)) {
      env.STREAM_TOKEN_ID = String((await client.streams.tokens.create()).id);
    }
    try {
      const { stderr } = await run(node, [file], { env, timeout: 60_000 });
      if (stderr !== "") throw new Error(stderr);
      console.log(`ok ${file}`);
    } catch (error) {
      failed++;
      console.log(`FAILED ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
} finally {
  await server.close();
}
process.exit(failed === 0 ? 0 : 1);
