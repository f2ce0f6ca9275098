import { join } from "node:path";
import { runToExit, spawnCli } from "@stream-tokens/testkit/server-cli";
import { describe, expect, it } from "vitest";
import { rawRequest, TokenApi } from "./http.js";
import { useTempDir } from "./servers.js";

const tempDir = useTempDir();

describe("the CLI", () => {
  it("prints exactly one JSON line when ready, with the three api tokens under --seed", async () => {
    const cli = await spawnCli(["--seed", "--port", "0"]);
    let stdout = "";
    cli.process.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    expect(cli.ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Object.keys(cli.ready.apiTokens ?? {}).sort()).toEqual(["account", "manager", "space"]);
    const api = new TokenApi(cli.ready.url, cli.ready.apiTokens?.manager ?? "");
    expect((await api.create()).status).toBe(201);
    cli.process.kill("SIGTERM");
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(stdout).toBe("");
  });

  it("prints only the url without --seed", async () => {
    const cli = await spawnCli(["--port", "0"]);
    expect(Object.keys(cli.ready)).toEqual(["url"]);
    cli.process.kill("SIGINT");
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  });

  it("reuses the demo account when --seed meets an existing database", async () => {
    const db = join(tempDir(), "seeded.db");
    const first = await spawnCli(["--db", db, "--seed", "--port", "0"]);
    const token = await new TokenApi(first.ready.url, first.ready.apiTokens?.space ?? "").createToken(true);
    first.process.kill("SIGINT");
    expect((await first.exited).code).toBe(0);
    const second = await spawnCli(["--db", db, "--seed", "--port", "0"]);
    expect(second.ready.apiTokens).toEqual(first.ready.apiTokens);
    const again = await new TokenApi(second.ready.url, second.ready.apiTokens?.space ?? "").get(token.id);
    expect(again.body).toEqual(token);
    second.process.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
  });

  it("shortens the lifetime of temporary tokens with --temporary-ttl", async () => {
    const cli = await spawnCli(["--seed", "--port", "0", "--temporary-ttl", "90"]);
    const token = await new TokenApi(cli.ready.url, cli.ready.apiTokens?.account ?? "").createToken();
    expect(Date.parse(token.expires ?? "") - Date.parse(token.created)).toBe(90_000);
    cli.process.kill("SIGTERM");
    await cli.exited;
  });

  it("finishes a request in flight before it stops on SIGTERM", async () => {
    const cli = await spawnCli(["--seed", "--port", "0"]);
    const pending = new TokenApi(cli.ready.url, cli.ready.apiTokens?.account ?? "").create(true);
    // The signal arrives while the request is on its way; it still gets its answer.
    setImmediate(() => cli.process.kill("SIGTERM"));
    const response = await pending.catch(() => undefined);
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    if (response) expect(response.status).toBe(201);
  });

  it.each([
    [["--port", "abc"], /--port must be an integer/],
    [["--port", "70000"], /--port must be an integer/],
    [["--port", "-1"], /--port/],
    [["--temporary-ttl", "0"], /--temporary-ttl must be an integer/],
    [["--temporary-ttl", "1.5"], /--temporary-ttl must be an integer/],
    [["--temporary-ttl", "3153600001"], /--temporary-ttl must be an integer from 1 to 3153600000/],
    [["--bogus"], /Unknown option '--bogus'/],
    [["--db"], /--db/],
    [["extra"], /positional/i],
  ])("refuses bad flags %j with a clear error and exit code 2", async (args, message) => {
    const result = await runToExit(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Usage:");
  });

  it("prints its usage with --help and exits 0", async () => {
    const result = await runToExit(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--temporary-ttl");
  });

  it("exits 1 with a message when the port is taken", async () => {
    const cli = await spawnCli(["--port", "0"]);
    const port = new URL(cli.ready.url).port;
    const result = await runToExit(["--port", port]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/EADDRINUSE|in use/);
    cli.process.kill("SIGTERM");
    await cli.exited;
  });

  it("logs requests with --log, with Authorization and stream-token keys redacted", async () => {
    const cli = await spawnCli(["--seed", "--port", "0", "--log"]);
    const apiToken = cli.ready.apiTokens?.account ?? "";
    const api = new TokenApi(cli.ready.url, apiToken);
    const token = await api.createToken();
    await api.get(token.key);
    await api.patch(token.key, "is_active=false");
    await api.list(`permanent=false&note=${token.key}`);
    await rawRequest(cli.ready.url, {
      method: "GET",
      path: `/nope/${token.key}`,
      headers: { authorization: `Token ${apiToken}` },
    });
    cli.process.kill("SIGTERM");
    await cli.exited;
    const logs = cli.stderr();
    expect(logs).toContain("/v1/streams/tokens/st_***/");
    expect(logs).not.toContain(token.key);
    expect(logs).not.toContain(token.key.slice(3));
    expect(logs).not.toContain(apiToken);
    expect(logs).not.toContain(apiToken.slice(3));
    expect(logs.toLowerCase()).not.toContain("authorization");
  });
});
