// How the library's errors read where people see them: String(error), console.log(error) (Node's
// util.inspect), and the warning about a STREAM_TOKENS_LOG level that does not exist. Each script
// runs the built package in its own Node process against the local server.
import { createServer } from "node:net";
import { useStarted } from "@stream-tokens/testkit/fixtures";
import { startSeededServer } from "@stream-tokens/testkit/server-cli";
import { expect, test } from "vitest";
import { runNode } from "./support/run-node.js";

const packageDir = new URL("..", import.meta.url).pathname;

const server = useStarted(() => startSeededServer());

/** A port on which nothing listens (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

async function runScript(source: string, env: Record<string, string> = {}) {
  const run = await runNode(["--input-type=module", "-e", source], { cwd: packageDir, timeout: 20_000, env });
  return { ...run, stdout: run.stdout.trim() };
}

test("String(error) of an API error names the method and the path, its key masked", async () => {
  const run = await runScript(`
    import { Client } from "stream-tokens";
    const client = new Client({ apiToken: ${JSON.stringify(server().apiTokens.account)}, baseUrl: ${JSON.stringify(server().url)} });
    for (const idOrKey of [987654321, "st_0123456789abcdefghijklmnop"]) {
      try { await client.streams.tokens.get(idOrKey); } catch (error) { console.log(String(error)); }
    }
  `);
  expect(run.stdout.split("\n")).toEqual([
    "NotFoundError: GET /v1/streams/tokens/987654321/: Stream token not found.",
    "NotFoundError: GET /v1/streams/tokens/st_01\u2026mnop/: Stream token not found.",
  ]);
});

test("console.log(error) reads like Node's own errors: stack, then details and the cause in braces", async () => {
  const port = await closedPort();
  const run = await runScript(`
    import { Client } from "stream-tokens";
    const client = new Client({ apiToken: "at_inspect_test_token_value", baseUrl: "http://127.0.0.1:${port}", maxRetries: 0 });
    try { await client.streams.tokens.list(); } catch (error) { console.log(error); }
  `);
  const lines = run.stdout.split("\n");
  expect(lines[0]).toMatch(
    /^ConnectionError: GET \/v1\/streams\/tokens\/ failed: fetch failed \(ECONNREFUSED\)$/,
  );
  expect(lines[1]).toMatch(/^ {4}at /);
  // Node 20 prints the cause as "TypeError: fetch failed" and its stack; Node 24 as
  // "[TypeError: fetch failed] {" (undici's own error, formatted by Node, not by the library).
  expect(run.stdout).toMatch(
    / \{\n {2}method: 'GET',\n {2}path: '\/v1\/streams\/tokens\/',\n {2}attempts: 1,\n {2}\[cause\]: (TypeError: fetch failed\n|\[TypeError: fetch failed\] \{\n)/,
  );
  expect(run.stdout).toMatch(new RegExp(`\\[cause\\]: Error: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}`));
  expect(run.stdout.endsWith("}")).toBe(true);
  expect(run.stdout).not.toContain("at_inspect_test_token_value");
});

test("a ValidationError prints its field once", async () => {
  const run = await runScript(`
    import { Client, ValidationError } from "stream-tokens";
    const client = new Client({ apiToken: "at_x", baseUrl: "http://127.0.0.1:9" });
    try { await client.streams.tokens.list({ limit: 1000 }); } catch (error) { console.log(String(error)); console.log(error.field); }
  `);
  expect(run.stdout).toBe("ValidationError: limit: must be an integer from 1 to 100, got 1000\nlimit");
});

test("an unknown STREAM_TOKENS_LOG level is reported on stderr, once, and logging stays off", async () => {
  const run = await runScript(
    `
    import { Client } from "stream-tokens";
    new Client({ apiToken: "at_x", baseUrl: "http://127.0.0.1:9" });
    new Client({ apiToken: "at_x", baseUrl: "http://127.0.0.1:9" });
    console.log("made");
  `,
    { STREAM_TOKENS_LOG: "verbose" },
  );
  expect(run.stdout).toBe("made");
  expect(run.stderr.trim()).toBe(
    '[stream-tokens] STREAM_TOKENS_LOG="verbose" is not a level: use debug, info, warn, error or off (logging stays off)',
  );
});
