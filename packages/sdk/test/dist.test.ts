import { createRequire } from "node:module";
import { inspect } from "node:util";
import { useStarted } from "@stream-tokens/testkit/fixtures";
import { startSeededServer } from "@stream-tokens/testkit/server-cli";
import { describe, expect, test } from "vitest";

type Sdk = typeof import("../src/index.js");

// The built package, loaded the two ways consumers load it (paths kept out of the type checker's
// reach: dist/ exists only after the build).
const esmEntry = new URL("../dist/index.js", import.meta.url).href;
const esm: Sdk = await import(esmEntry);
const cjs: Sdk = createRequire(import.meta.url)("../dist/index.cjs");

const server = useStarted(() => startSeededServer());

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe.each([
  ["import (ESM)", esm],
  ["require (CJS)", cjs],
])("the built package through %s", (_format, sdk) => {
  test("does every operation against the local server", async () => {
    const client = new sdk.Client({ apiToken: server().apiTokens.space, baseUrl: server().url });
    const tokens = client.streams.tokens;
    await tokens.deleteList();
    const temporary = await tokens.create();
    const permanent = await tokens.create({ permanent: true });
    expect(sdk.isPermanent(permanent)).toBe(true);
    expect(await tokens.get(temporary.key)).toEqual(temporary);
    expect((await tokens.update(temporary.id, { is_active: false })).is_active).toBe(false);
    expect(await tokens.list({ permanent: false })).toHaveLength(1);
    expect(await tokens.listAll().toArray()).toHaveLength(2);
    await tokens.delete(permanent.id);
    await tokens.deleteList({ permanent: false });
    expect(await tokens.list()).toEqual([]);
  });

  test("errors are instances of their own classes, the base classes, and the other build's classes", async () => {
    const client = new sdk.Client({ apiToken: server().apiTokens.space, baseUrl: server().url });
    const notFound = await failure(client.streams.tokens.get(987654321));
    expect(notFound).toBeInstanceOf(sdk.NotFoundError);
    expect(notFound).toBeInstanceOf(sdk.APIError);
    expect(notFound).toBeInstanceOf(sdk.StreamTokensError);
    expect(notFound).toBeInstanceOf(Error);
    expect(notFound).not.toBeInstanceOf(sdk.ConflictError);
    const other = sdk === esm ? cjs : esm;
    expect(notFound).toBeInstanceOf(other.NotFoundError);
    expect(notFound).toBeInstanceOf(other.APIError);
    expect(notFound).not.toBeInstanceOf(other.RateLimitError);
    const invalid = await failure(client.streams.tokens.list({ limit: 0 }));
    expect(invalid).toBeInstanceOf(sdk.ValidationError);
    expect(invalid).toBeInstanceOf(other.StreamTokensError);
  });

  test("an AuthenticationError never shows the api token", async () => {
    const apiToken = "at_0123456789abcdefghijklmnopqrstuv";
    const client = new sdk.Client({ apiToken, baseUrl: server().url });
    const error = await failure(client.streams.tokens.list());
    expect(error).toBeInstanceOf(sdk.AuthenticationError);
    for (const shown of [String(error), JSON.stringify(error), inspect(error), inspect(client)]) {
      expect(shown).not.toContain(apiToken);
    }
  });
});

test("the package resolves by its own name to the built files", async () => {
  const packageName = "stream-tokens";
  const byName: Sdk = await import(packageName);
  expect(byName.Client).toBe(esm.Client);
  expect(createRequire(import.meta.url)("stream-tokens").Client).toBe(cjs.Client);
});
