import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StreamToken } from "@stream-tokens/api-types";
import { CoreClient } from "@stream-tokens/core";
import { runCli } from "@stream-tokens/testkit/cli";
import { type RunningServer, startServer } from "stream-tokens-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshHome } from "./support/fresh-home.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ db: ":memory:" });
});
afterAll(async () => {
  await server.close();
});

/** A fresh account, its API, and the environment that points the CLI at it (config kept apart). */
function account() {
  const apiToken = server.createAccount().account;
  const env = { NEUROIO_API_TOKEN: apiToken, NEUROIO_API_URL: server.url, ...freshHome("st-cli-") };
  return { apiToken, env, api: new CoreClient({ apiToken, baseUrl: server.url }).streams.tokens };
}

function parseTokens(text: string): StreamToken[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) throw new Error(`not a JSON array: ${text}`);
  return value as StreamToken[];
}

describe("commands against the real server", () => {
  it("create, list, get, update, delete and delete-list do what the API then reports", async () => {
    const { env, api } = account();
    const created = await runCli(["create", "--json"], env);
    expect(created.code).toBe(0);
    const temporary = JSON.parse(created.stdout) as StreamToken;
    expect(temporary.expires).not.toBeNull();

    const permanent = await runCli(["create", "--permanent"], env);
    expect(permanent.code).toBe(0);
    expect(permanent.stdout).toMatch(/permanent\s+yes\s+.*never/);
    expect(permanent.stdout).toContain("add --show-keys or --json");

    const listed = parseTokens((await runCli(["list", "--json"], env)).stdout);
    expect(listed).toHaveLength(2);
    const onlyPermanent = parseTokens((await runCli(["list", "--permanent", "--json"], env)).stdout);
    expect(onlyPermanent.map((token) => token.expires)).toEqual([null]);
    const onePage = parseTokens(
      (await runCli(["list", "--limit", "1", "--offset", "1", "--json"], env)).stdout,
    );
    expect(onePage).toHaveLength(1);

    const byKey = await runCli(["get", temporary.key, "--json"], env);
    expect((JSON.parse(byKey.stdout) as StreamToken).id).toBe(temporary.id);

    const updated = await runCli(["update", String(temporary.id), "--active", "false"], env);
    expect(updated.code).toBe(0);
    expect((await api.get(temporary.id)).is_active).toBe(false);

    expect((await runCli(["delete", String(temporary.id)], env)).stdout).toContain(
      `Deleted token ${temporary.id}`,
    );
    expect((await api.list({})).map((token) => token.id)).not.toContain(temporary.id);

    await api.create({});
    const refused = await runCli(["delete-list", "--temporary"], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--yes");
    expect(await api.list({ permanent: false })).toHaveLength(1);
    expect((await runCli(["delete-list", "--temporary", "--yes"], env)).code).toBe(0);
    expect(await api.list({ permanent: false })).toHaveLength(0);
    expect(await api.list({ permanent: true })).toHaveLength(1);
  });

  it("masks keys in tables unless --show-keys; --json always carries them", async () => {
    const { env, api } = account();
    const token = await api.create({});
    const table = await runCli(["list"], env);
    expect(table.stdout).not.toContain(token.key);
    expect(table.stdout).toMatch(/^ID\s+KEY\s+KIND\s+ACTIVE\s+CREATED\s+EXPIRES/);
    expect((await runCli(["list", "--show-keys"], env)).stdout).toContain(token.key);
    expect((await runCli(["get", String(token.id), "--json"], env)).stdout).toContain(token.key);
  });

  it("without a terminal and without a command prints the token list as a plain table and exits 0", async () => {
    const { env, api } = account();
    const token = await api.create({ permanent: true });
    const result = await runCli([], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^${token.id}\\s+\\S+\\s+permanent\\s+yes`, "m"));
    expect(result.stdout).not.toContain("\x1b");
  });
});

describe("exit codes say what failed", () => {
  it("4 not found, 5 conflict, 6 authentication, 3 no connection, 2 usage", async () => {
    const { env, api, apiToken } = account();
    expect((await runCli(["get", "987654"], env)).code).toBe(4);
    for (let index = 0; index < 5; index++) await api.create({ permanent: true });
    const sixth = await runCli(["create", "--permanent"], env);
    expect(sixth.code).toBe(5);
    expect(sixth.stderr).toMatch(/409/);

    const wrongToken = `${apiToken}x`;
    const auth = await runCli(["list"], { ...env, NEUROIO_API_TOKEN: wrongToken });
    expect(auth.code).toBe(6);
    expect(auth.stderr).not.toContain(wrongToken);

    const closed = await startServer({ db: ":memory:" });
    const closedUrl = closed.url;
    await closed.close();
    expect((await runCli(["list"], { ...env, NEUROIO_API_URL: closedUrl })).code).toBe(3);
  });

  it("refuses bad input before any request, with exit code 2", async () => {
    const { env, api } = account();
    const cases: string[][] = [
      ["frobnicate"],
      ["list", "--bogus"],
      ["list", "--limit", "ten"],
      ["list", "--limit", "0"],
      ["list", "--permanent", "--temporary"],
      ["update", "1"],
      ["update", "1", "--active=maybe"],
      ["get"],
      ["get", "1", "2"],
      ["create", "--limit", "3"],
      ["list", "--token"],
    ];
    for (const args of cases) {
      const result = await runCli(args, env);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toMatch(/^stream-tokens: /);
    }
    expect(await api.list({})).toHaveLength(0);
  });

  it("--help documents the commands and the exit codes", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    for (const word of [
      "list",
      "create",
      "get",
      "update",
      "delete-list",
      "login",
      "Exit codes",
      "NEUROIO_API_TOKEN",
    ]) {
      expect(help.stdout).toContain(word);
    }
    expect((await runCli(["update", "--help"])).stdout).toContain("--active true|false");
    expect((await runCli(["help", "delete-list"])).stdout).toContain("--yes");
  });
});

describe("configuration", () => {
  it("login writes the config file with mode 0600, and later runs use it", async () => {
    const { env, api, apiToken } = account();
    await api.create({});
    const { NEUROIO_API_TOKEN: _token, NEUROIO_API_URL: _url, ...noEnv } = env;
    const login = await runCli(["login", "--token", apiToken, "--url", server.url], noEnv);
    expect(login.code).toBe(0);
    expect(login.stdout).not.toContain(apiToken);
    const path = join(env.XDG_CONFIG_HOME, "stream-tokens", "config.json");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ apiToken, baseUrl: server.url });
    expect(parseTokens((await runCli(["list", "--json"], noEnv)).stdout)).toHaveLength(1);
  });

  it("flags win over the environment, which wins over the config file", async () => {
    const file = account();
    const environment = account();
    const flag = account();
    await file.api.create({});
    for (let index = 0; index < 2; index++) await environment.api.create({});
    for (let index = 0; index < 3; index++) await flag.api.create({});
    const configDir = join(file.env.XDG_CONFIG_HOME, "stream-tokens");
    mkdirSync(configDir, { recursive: true });
    writeFileSync(
      join(configDir, "config.json"),
      JSON.stringify({ apiToken: file.apiToken, baseUrl: server.url }),
    );
    const base = { XDG_CONFIG_HOME: file.env.XDG_CONFIG_HOME, XDG_DATA_HOME: file.env.XDG_DATA_HOME };
    const count = async (args: string[], env: Record<string, string>) =>
      parseTokens((await runCli(["list", "--json", ...args], env)).stdout).length;
    expect(await count([], base)).toBe(1);
    expect(await count([], { ...base, NEUROIO_API_TOKEN: environment.apiToken })).toBe(2);
    expect(
      await count(["--token", flag.apiToken], { ...base, NEUROIO_API_TOKEN: environment.apiToken }),
    ).toBe(3);
  });

  it("a broken config file is a usage error that names the file and shows no secret", async () => {
    const { env } = account();
    const { NEUROIO_API_TOKEN: _token, NEUROIO_API_URL: _url, ...noEnv } = env;
    const configDir = join(env.XDG_CONFIG_HOME, "stream-tokens");
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, "config.json"), '{"apiToken": 12, "secret": "at_do_not_print"');
    const broken = await runCli(["list"], noEnv);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("config.json");
    expect(broken.stderr).not.toContain("at_do_not_print");
    writeFileSync(join(configDir, "config.json"), '{"apiToken": 12}');
    expect((await runCli(["list"], noEnv)).stderr).toContain('"apiToken" must be a non-empty string');
  });

  it("with no api token anywhere it runs on the local server, its database kept in XDG_DATA_HOME", async () => {
    const { env } = account();
    const { NEUROIO_API_TOKEN: _token, NEUROIO_API_URL: _url, ...noEnv } = env;
    const created = await runCli(["create", "--json"], noEnv);
    expect(created.code).toBe(0);
    const database = join(env.XDG_DATA_HOME, "stream-tokens", "local.db");
    expect(existsSync(database)).toBe(true);
    expect(statSync(database).mode & 0o777, "the database holds secrets").toBe(0o600);
    const again = parseTokens((await runCli(["list", "--json"], noEnv)).stdout);
    expect(again.map((token) => token.id)).toContain((JSON.parse(created.stdout) as StreamToken).id);
    const table = await runCli([], noEnv);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+KEY/);
  });
});
