import { readdirSync, readFileSync, rmSync } from "node:fs";
import { type SeededServer, startSeededServer } from "@stream-tokens/testkit/server-cli";
import { build } from "tsup";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Client } from "../src/index.js";
import { type NodeRun, runNode } from "./support/run-node.js";

const packageDir = new URL("..", import.meta.url).pathname;
// Compiled inside the package so that `import "stream-tokens"` resolves to the built package.
const outDir = `${packageDir}.examples`;
const examples = readdirSync(`${packageDir}examples`).filter((name) => name.endsWith(".ts"));

let server: SeededServer;
let client: Client;
beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entry: examples.map((name) => `${packageDir}examples/${name}`),
    outDir,
    format: ["esm"],
    target: "node20",
    bundle: false,
    silent: true,
    config: false,
  });
  server = await startSeededServer();
  client = new Client({ apiToken: server.apiTokens.account, baseUrl: server.url });
}, 60_000);
afterAll(async () => {
  await server?.kill();
  rmSync(outDir, { recursive: true, force: true });
});

/** Runs a compiled example on this Node with the environment a user would set. */
function run(name: string, env: Record<string, string> = {}): Promise<NodeRun> {
  return runNode([`${outDir}/${name.replace(/\.ts$/, ".js")}`], {
    env: { NEUROIO_API_TOKEN: server.apiTokens.account, NEUROIO_API_URL: server.url, ...env },
  });
}

describe("every example in examples/ runs against the local server", () => {
  test("there is one example per seed operation and per README topic", () => {
    expect(examples.sort()).toEqual(
      [
        "create.ts",
        "delete-list.ts",
        "delete.ts",
        "errors.ts",
        "get.ts",
        "list-all.ts",
        "list.ts",
        "raw-response.ts",
        "retries-and-timeouts.ts",
        "rotation.ts",
        "update.ts",
      ].sort(),
    );
  });

  test("the README shows each example verbatim, and every runnable block of it is an example", () => {
    const readme = readFileSync(`${packageDir}README.md`, "utf8");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
    const files = examples.map((name) => readFileSync(`${packageDir}examples/${name}`, "utf8"));
    for (const file of files) expect(blocks).toContain(file);
    for (const block of blocks.filter((text) => text.includes("await"))) expect(files).toContain(block);
  });

  test("create.ts makes a permanent token", async () => {
    const before = await client.streams.tokens.list({ permanent: true, limit: 100 });
    const result = await run("create.ts");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("expires: null");
    expect(await client.streams.tokens.list({ permanent: true, limit: 100 })).toHaveLength(before.length + 1);
  });

  test("list.ts prints a page of temporary tokens", async () => {
    for (let index = 0; index < 7; index++) await client.streams.tokens.create();
    const result = await run("list.ts");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout.match(/key: 'st_/g)?.length).toBe(2);
  });

  test("get.ts, update.ts and delete.ts act on STREAM_TOKEN_ID", async () => {
    const token = await client.streams.tokens.create();
    const env = { STREAM_TOKEN_ID: String(token.id) };
    const got = await run("get.ts", env);
    expect(got).toMatchObject({ code: 0, stderr: "" });
    expect(got.stdout).toContain(`id: ${token.id}`);
    const updated = await run("update.ts", env);
    expect(updated.stdout).toContain("is_active: false");
    expect((await client.streams.tokens.get(token.id)).is_active).toBe(false);
    const deleted = await run("delete.ts", env);
    expect(deleted).toMatchObject({ code: 0, stdout: "Stream-Token deleted successfully.\n" });
    const again = await run("delete.ts", env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("NotFoundError");
  });

  test("delete-list.ts deletes the temporary tokens only", async () => {
    await client.streams.tokens.create();
    const result = await run("delete-list.ts");
    expect(result).toMatchObject({ code: 0, stdout: "Stream-Tokens deleted successfully.\n" });
    expect(await client.streams.tokens.list({ permanent: false })).toEqual([]);
    expect((await client.streams.tokens.list({ permanent: true })).length).toBeGreaterThan(0);
  });

  test("list-all.ts pages through every token", async () => {
    await client.streams.tokens.deleteList({ permanent: false });
    for (let index = 0; index < 3; index++) await client.streams.tokens.create();
    const result = await run("list-all.ts");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("3 temporary tokens");
  });

  test("errors.ts catches each failure as its documented class", async () => {
    const result = await run("errors.ts");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("not found: 404");
    expect(result.stdout).toContain("invalid: limit: must be an integer from 1 to 100, got 1000");
    expect(result.stdout).toContain("auth failed: 401");
    expect(result.stdout).toContain("API error 404 after 1 attempt(s)");
  });

  test.each([
    ["retries-and-timeouts.ts", /listed \d+\ncreated \d+/],
    ["rotation.ts", /same token: true, expires 20/],
    ["raw-response.ts", /201 application\/json; charset=utf-8 1\nst_/],
  ])("%s runs", async (name, output) => {
    const result = await run(name);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(output);
  });
});
