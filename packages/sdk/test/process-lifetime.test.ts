import { useStarted } from "@stream-tokens/testkit/fixtures";
import { startSeededServer } from "@stream-tokens/testkit/server-cli";
import { expect, test } from "vitest";
import { type NodeRun, runNode } from "./support/run-node.js";

const packageDir = new URL("..", import.meta.url).pathname;

const server = useStarted(() => startSeededServer());

/** Runs an ES module script that imports the built package by name; its stdout comes back trimmed. */
async function runScript(source: string): Promise<NodeRun> {
  const run = await runNode(["--input-type=module", "-e", source], { cwd: packageDir, timeout: 20_000 });
  return { ...run, stdout: run.stdout.trim() };
}

test("a pending call keeps the process alive until its timeout ends it, whatever fetch holds", async () => {
  // A fetch that honours the signal but holds nothing open (as a mock in a test would).
  const run = await runScript(`
    import { Client, TimeoutError } from "stream-tokens";
    const fetch = (_url, init) =>
      new Promise((_resolve, reject) => init.signal.addEventListener("abort", () => reject(init.signal.reason)));
    const client = new Client({ apiToken: "at_test", baseUrl: "http://127.0.0.1:9", fetch });
    try {
      await client.streams.tokens.list({}, { timeout: 300, maxRetries: 0 });
      console.log("resolved");
    } catch (error) {
      console.log(error instanceof TimeoutError ? "TimeoutError" : error.constructor.name);
    }
  `);
  expect(run.stdout).toBe("TimeoutError");
  expect(run.code).toBe(0);
});

test.each([
  ["the runtime's fetch", "undefined", 0],
  ["a fetch of your own", "(url, init) => fetch(url, init)", 1],
])("with %s, a finished call leaves no timer holding the process open", async (_name, fetch, held) => {
  // getActiveResourcesInfo() lists a timer only while it keeps the process alive. The runtime's
  // fetch keeps the process alive by its open request; a fetch of your own gets a held timer.
  const run = await runScript(`
    import { Client } from "stream-tokens";
    const client = new Client({
      apiToken: ${JSON.stringify(server().apiTokens.account)},
      baseUrl: ${JSON.stringify(server().url)},
      fetch: ${fetch},
    });
    const timersBefore = process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    const pending = client.streams.tokens.list({ limit: 1 });
    const timersDuring = process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    await pending;
    const timersAfter = process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    console.log(JSON.stringify({ timersBefore, timersDuring, timersAfter }));
  `);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({ timersBefore: 0, timersDuring: held, timersAfter: 0 });
});
