import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { StreamToken } from "@stream-tokens/api-types";
import { CoreClient } from "@stream-tokens/core";
import { runCli } from "@stream-tokens/testkit/cli";
import { type RunningServer, startServer } from "stream-tokens-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshHome } from "./support/fresh-home.js";

// Two real servers: a context per server, each with its own account.
let first: RunningServer;
let second: RunningServer;
beforeAll(async () => {
  [first, second] = await Promise.all([startServer({ db: ":memory:" }), startServer({ db: ":memory:" })]);
});
afterAll(async () => {
  await Promise.all([first.close(), second.close()]);
});

function accountOn(server: RunningServer) {
  const apiToken = server.createAccount().account;
  return { apiToken, url: server.url, api: new CoreClient({ apiToken, baseUrl: server.url }).streams.tokens };
}

const ids = (stdout: string): number[] => (JSON.parse(stdout) as StreamToken[]).map((token) => token.id);

describe("stream-tokens context", () => {
  it("add, list (masked), use, --context, STREAM_TOKENS_CONTEXT and remove; the file stays 0600, written whole", async () => {
    const home = freshHome("st-ctx-");
    const a = accountOn(first);
    const b = accountOn(second);
    const tokenA = await a.api.create({});
    const tokenB = await b.api.create({ permanent: true });

    expect(
      (await runCli(["context", "add", "alpha", "--url", a.url, "--token", a.apiToken], home)).code,
    ).toBe(0);
    const added = await runCli(["context", "add", "beta", "--url", b.url, "--token", b.apiToken], home);
    expect(added.stdout).toContain("Added context beta");
    expect(added.stdout).not.toContain(b.apiToken);
    const path = join(home.XDG_CONFIG_HOME, "stream-tokens", "config.json");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(home.XDG_CONFIG_HOME, "stream-tokens"))).toEqual(["config.json"]);

    const listed = await runCli(["context", "list"], home);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^\* local /m); // nothing chosen yet: the local server
    expect(listed.stdout).toMatch(new RegExp(`^ {2}alpha\\s+${a.url}\\s+at_`, "m"));
    for (const secret of [a.apiToken, b.apiToken]) expect(listed.stdout).not.toContain(secret);
    const json = await runCli(["context", "list", "--json"], home);
    expect(json.stdout).not.toContain(a.apiToken);
    expect((JSON.parse(json.stdout) as { name: string }[]).map((row) => row.name)).toEqual([
      "local",
      "alpha",
      "beta",
    ]);

    expect(ids((await runCli(["list", "--json", "--context", "alpha"], home)).stdout)).toEqual([tokenA.id]);
    expect(
      ids((await runCli(["list", "--json"], { ...home, STREAM_TOKENS_CONTEXT: "beta" })).stdout),
    ).toEqual([tokenB.id]);
    expect((await runCli(["context", "use", "beta"], home)).stdout).toContain("Current context: beta");
    expect((await runCli(["context", "list"], home)).stdout).toMatch(/^\* beta /m);
    expect(ids((await runCli(["list", "--json"], home)).stdout)).toEqual([tokenB.id]);
    // --context wins over the current context, and over STREAM_TOKENS_CONTEXT.
    expect(
      ids(
        (await runCli(["list", "--json", "--context", "alpha"], { ...home, STREAM_TOKENS_CONTEXT: "beta" }))
          .stdout,
      ),
    ).toEqual([tokenA.id]);
    // NEUROIO_API_TOKEN wins over the current context (a per-run setting over a saved one).
    expect(
      ids(
        (await runCli(["list", "--json"], { ...home, NEUROIO_API_TOKEN: a.apiToken, NEUROIO_API_URL: a.url }))
          .stdout,
      ),
    ).toEqual([tokenA.id]);

    const removed = await runCli(["context", "remove", "beta"], home);
    expect(removed.stdout).toContain("it was current");
    const file = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    expect(file.currentContext).toBeUndefined();
    expect(Object.keys(file.contexts as object)).toEqual(["alpha"]);
  });

  it("a tokenCommand's output is the api token; a failing or slow command is a clear error without its output", async () => {
    const home = freshHome("st-ctx-cmd-");
    const a = accountOn(first);
    const token = await a.api.create({});
    await runCli(
      ["context", "add", "cmd", "--url", a.url, "--token-command", `printf '%s\\n' ${a.apiToken}`],
      home,
    );
    const listed = await runCli(["context", "list"], home);
    expect(listed.stdout).toContain("command: printf");
    expect(listed.stdout, "a token written into the command is masked too").not.toContain(a.apiToken);
    expect(ids((await runCli(["list", "--json", "--context", "cmd"], home)).stdout)).toEqual([token.id]);

    await runCli(
      [
        "context",
        "add",
        "fails",
        "--url",
        a.url,
        "--token-command",
        "echo at_leaked_secret_value >&2; exit 3",
      ],
      home,
    );
    const failed = await runCli(["list", "--context", "fails"], home);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('the token command of context "fails" exited with code 3');
    expect(failed.stderr).not.toContain("at_leaked_secret_value");

    await runCli(
      ["context", "add", "slow", "--url", a.url, "--token-command", "sleep 5", "--timeout", "1"],
      home,
    );
    const slow = await runCli(["list", "--context", "slow"], home);
    expect(slow.code).toBe(2);
    expect(slow.stderr).toContain("did not finish within 1 s");

    await runCli(["context", "add", "empty", "--url", a.url, "--token-command", "true"], home);
    expect((await runCli(["list", "--context", "empty"], home)).stderr).toContain("printed no api token");
  });

  it("refuses bad input with exit code 2 and changes nothing", async () => {
    const home = freshHome("st-ctx-bad-");
    const a = accountOn(first);
    const refuse = async (args: string[], message: string) => {
      const result = await runCli(args, home);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toContain(a.apiToken);
    };
    await refuse(["context", "add", "x", "--token", a.apiToken], "needs --url");
    await refuse(["context", "add", "x", "--url", "ftp://x", "--token", a.apiToken], "http(s) URL");
    await refuse(["context", "add", "x", "--url", a.url], "--token TOKEN or --token-command");
    await refuse(["context", "add", "local", "--url", a.url, "--token", a.apiToken], "built in");
    await refuse(["context", "add", "a b", "--url", a.url, "--token", a.apiToken], "a context name is");
    await refuse(["context", "use", "nowhere"], 'no context "nowhere"');
    await refuse(["context", "frobnicate"], 'unknown context command "frobnicate"');
    await refuse(["list", "--context", "nowhere"], 'names the context "nowhere"');
    await refuse(["list", "--context", "local", "--token", a.apiToken], "not both");
    expect(readdirSync(home.HOME)).not.toContain("config");
    await runCli(["context", "add", "x", "--url", a.url, "--token", a.apiToken], home);
    await refuse(["context", "add", "x", "--url", a.url, "--token", a.apiToken], "exists");
  });

  it("login keeps the contexts", async () => {
    const home = freshHome("st-ctx-login-");
    const a = accountOn(first);
    await runCli(["context", "add", "alpha", "--url", a.url, "--token", a.apiToken], home);
    await runCli(["login", "--token", a.apiToken, "--url", a.url], home);
    const listed = await runCli(["context", "list"], home);
    expect(listed.stdout).toMatch(/^ {2}alpha /m);
    expect(listed.stdout).toMatch(/^\* default /m);
  });

  it("NEUROIO_API_TOKEN over a login is not the login: no context is marked current, and --context default is the login", async () => {
    const home = freshHome("st-ctx-env-");
    const a = accountOn(first);
    const b = accountOn(second);
    const tokenA = await a.api.create({});
    const tokenB = await b.api.create({});
    await runCli(["login", "--token", a.apiToken, "--url", a.url], home);
    const overEnv = { ...home, NEUROIO_API_TOKEN: b.apiToken, NEUROIO_API_URL: b.url };
    const listed = await runCli(["context", "list"], overEnv);
    expect(listed.stdout).toMatch(/^ {2}default /m);
    expect(listed.stdout).not.toMatch(/^\* /m);
    expect(ids((await runCli(["list", "--json"], overEnv)).stdout)).toEqual([tokenB.id]);
    expect(ids((await runCli(["list", "--json", "--context", "default"], overEnv)).stdout)).toEqual([
      tokenA.id,
    ]);
  });
});

describe("stream-tokens replace", () => {
  it("creates a token of the same kind, then with --yes deletes the old one; every line says which key is live", async () => {
    const a = accountOn(first);
    const env = { ...freshHome("st-replace-"), NEUROIO_API_TOKEN: a.apiToken, NEUROIO_API_URL: a.url };
    const old = await a.api.create({});
    const result = await runCli(["replace", old.key, "--yes"], env);
    expect(result.code).toBe(0);
    const [fresh] = await a.api.listAll().toArray();
    expect(fresh?.id).not.toBe(old.id);
    expect(fresh?.expires).not.toBeNull();
    expect(result.stdout).toContain(`Live now: #${old.id} and #${fresh?.id}`);
    expect(result.stdout).toContain(`Live now: #${fresh?.id} only`);
    expect(result.stdout).not.toContain(fresh?.key);
    expect(result.stdout).not.toContain(old.key);
  });

  it("without --yes and without a terminal it keeps the old token and says both are live; --json carries the new key", async () => {
    const a = accountOn(first);
    const env = { ...freshHome("st-replace-"), NEUROIO_API_TOKEN: a.apiToken, NEUROIO_API_URL: a.url };
    const old = await a.api.create({ permanent: true });
    const result = await runCli(["replace", String(old.id), "--json"], env);
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout) as { replaced: number; oldDeleted: boolean; token: StreamToken };
    expect(answer.replaced).toBe(old.id);
    expect(answer.oldDeleted).toBe(false);
    expect(answer.token.expires).toBeNull();
    expect(result.stderr).toContain(`Live: #${old.id} and #${answer.token.id}`);
    expect((await a.api.listAll().toArray()).map((token) => token.id).sort()).toEqual(
      [old.id, answer.token.id].sort(),
    );
  });

  it("a permanent token when 5 exist: explains, refuses without --yes, and with it deletes first and then creates", async () => {
    const a = accountOn(first);
    const env = { ...freshHome("st-replace-"), NEUROIO_API_TOKEN: a.apiToken, NEUROIO_API_URL: a.url };
    for (let index = 0; index < 5; index++) await a.api.create({ permanent: true });
    const [old] = await a.api.listAll().toArray();
    if (!old) throw new Error("no token");
    const asked = await runCli(["replace", String(old.id)], env);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain("must be deleted before its replacement can be created");
    expect(asked.stdout).toContain(`Nothing changed. Live: #${old.id}.`);
    expect((await a.api.listAll().toArray()).map((token) => token.id)).toContain(old.id);

    const done = await runCli(["replace", String(old.id), "--yes"], env);
    expect(done.code).toBe(0);
    const after = await a.api.listAll({ permanent: true }).toArray();
    expect(after).toHaveLength(5);
    expect(after.map((token) => token.id)).not.toContain(old.id);
    const fresh = Math.max(...after.map((token) => token.id));
    expect(done.stdout).toContain("Live now: none of it");
    expect(done.stdout).toContain(`Replaced #${old.id} by #${fresh}. Live now: #${fresh} only.`);
  });

  it("an unknown token is exit code 4 and nothing is created", async () => {
    const a = accountOn(first);
    const env = { ...freshHome("st-replace-"), NEUROIO_API_TOKEN: a.apiToken, NEUROIO_API_URL: a.url };
    const result = await runCli(["replace", "987654", "--yes"], env);
    expect(result.code).toBe(4);
    expect(await a.api.listAll().toArray()).toHaveLength(0);
    expect((await runCli(["replace"], env)).code).toBe(2);
  });
});
