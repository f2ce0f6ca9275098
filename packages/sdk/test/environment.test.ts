import { useStarted } from "@stream-tokens/testkit/fixtures";
import { startSeededServer } from "@stream-tokens/testkit/server-cli";
import { afterEach, expect, test } from "vitest";
import { Client, DEFAULT_BASE_URL, ValidationError } from "../src/index.js";

const server = useStarted(() => startSeededServer());

const saved = { token: process.env.NEUROIO_API_TOKEN, url: process.env.NEUROIO_API_URL };
afterEach(() => {
  for (const [name, value] of [
    ["NEUROIO_API_TOKEN", saved.token],
    ["NEUROIO_API_URL", saved.url],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

test("without options, the client reads NEUROIO_API_TOKEN and NEUROIO_API_URL", async () => {
  process.env.NEUROIO_API_TOKEN = server().apiTokens.account;
  process.env.NEUROIO_API_URL = server().url;
  const client = new Client();
  expect(client.baseUrl).toBe(server().url);
  expect(Array.isArray(await client.streams.tokens.list())).toBe(true);
});

test("the base URL defaults to https://api.neuroio.com", () => {
  process.env.NEUROIO_API_TOKEN = "at_some_token";
  delete process.env.NEUROIO_API_URL;
  expect(new Client().baseUrl).toBe(DEFAULT_BASE_URL);
  expect(DEFAULT_BASE_URL).toBe("https://api.neuroio.com");
});

test("options win over the environment", () => {
  process.env.NEUROIO_API_TOKEN = "at_from_environment";
  process.env.NEUROIO_API_URL = "http://127.0.0.1:1";
  const client = new Client({ apiToken: "at_from_options", baseUrl: server().url });
  expect(client.baseUrl).toBe(server().url);
  expect(JSON.stringify(client)).not.toContain("at_from_environment");
});

test("no api token anywhere is a ValidationError naming the variable", () => {
  delete process.env.NEUROIO_API_TOKEN;
  expect(() => new Client()).toThrow(ValidationError);
  expect(() => new Client()).toThrow(/NEUROIO_API_TOKEN/);
});

test("a malformed NEUROIO_API_URL is a ValidationError naming the variable", () => {
  process.env.NEUROIO_API_TOKEN = "at_some_token";
  process.env.NEUROIO_API_URL = "api.neuroio.com";
  expect(() => new Client()).toThrow(ValidationError);
  expect(() => new Client()).toThrow(
    'NEUROIO_API_URL: must be an http(s) URL such as https://api.neuroio.com, without a query, fragment or credentials, got "api.neuroio.com"',
  );
});

test("an unknown option, a typo in plain JavaScript, is refused before the environment is read", () => {
  delete process.env.NEUROIO_API_TOKEN;
  const make = () => new Client({ apitoken: "at_some_token" } as never);
  expect(make).toThrow(ValidationError);
  expect(make).toThrow('apitoken: is not a known key (did you mean "apiToken"?)');
  expect(() => new Client({ unknownOpt: 1 } as never)).toThrow(
    /^unknownOpt: is not a known key \(known keys: /,
  );
});

test("options that are not an object are a ValidationError, even with a token in the environment", () => {
  process.env.NEUROIO_API_TOKEN = "at_some_token";
  for (const [options, shown] of [
    [null, "null"],
    [5, "5"],
    ["x", '"x"'],
  ] as const) {
    const make = () => new Client(options as never);
    expect(make).toThrow(ValidationError);
    expect(make).toThrow(`options: must be an object, got ${shown}`);
  }
});
