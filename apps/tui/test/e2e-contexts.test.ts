import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CoreClient } from "@stream-tokens/core";
import { expectRestored, type PtyApp, startPty } from "@stream-tokens/testkit/pty";
import { type RunningServer, startServer } from "stream-tokens-server";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { freshHome } from "./support/fresh-home.js";
import { keys } from "./support/keys.js";

// Two real servers, one context each: what the UI shows is checked against each server's API.
let alphaServer: RunningServer;
let betaServer: RunningServer;
let app: PtyApp | undefined;
beforeAll(async () => {
  [alphaServer, betaServer] = await Promise.all([
    startServer({ host: "127.0.0.1", port: 0, db: ":memory:" }),
    startServer({ host: "127.0.0.1", port: 0, db: ":memory:" }),
  ]);
});
afterAll(async () => {
  await Promise.all([alphaServer.close(), betaServer.close()]);
});
afterEach(() => {
  try {
    app?.pty.kill("SIGKILL");
  } catch {
    // already gone
  }
  app = undefined;
});

function accountOn(server: RunningServer) {
  const apiToken = server.createAccount().account;
  return { apiToken, api: new CoreClient({ apiToken, baseUrl: server.url }).streams.tokens };
}

const ids = async (account: ReturnType<typeof accountOn>) =>
  (await account.api.listAll().toArray()).map((token) => token.id).sort((a, b) => a - b);

/** The ids of the table's rows, top to bottom. */
const rowIds = (pty: PtyApp): number[] =>
  pty
    .screen()
    .map((line) => /^[› ] (\d+) /.exec(line)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number);

it("switches contexts and shows each server's tokens; marks two and deletes them; replaces a token", async () => {
  const alpha = accountOn(alphaServer);
  const beta = accountOn(betaServer);
  for (let index = 0; index < 3; index++) await alpha.api.create({});
  for (let index = 0; index < 4; index++) await beta.api.create({});
  const alphaIds = await ids(alpha);
  const home = freshHome("st-e2e-ctx-");
  mkdirSync(join(home.XDG_CONFIG_HOME, "stream-tokens"), { recursive: true });
  writeFileSync(
    join(home.XDG_CONFIG_HOME, "stream-tokens", "config.json"),
    JSON.stringify({
      currentContext: "alpha",
      contexts: {
        alpha: { baseUrl: alphaServer.url, apiToken: alpha.apiToken },
        beta: { baseUrl: betaServer.url, apiToken: beta.apiToken },
      },
    }),
    { mode: 0o600 },
  );
  app = startPty(home);
  const pty = app;
  await pty.waitFor((text) => text.includes("[alpha]") && text.includes("· 3 tokens"), "alpha's tokens");
  expect(rowIds(pty).sort((a, b) => a - b)).toEqual(alphaIds);
  expect(pty.text()).not.toContain(alpha.apiToken);

  // C, then down from alpha to beta, enter.
  await pty.type("C");
  await pty.waitFor(
    (text) => text.includes("Switch context") && /› alpha {2}\(current\)/.test(text),
    "the switcher",
  );
  await pty.type("j", keys.enter);
  await pty.waitFor((text) => text.includes("[beta]") && text.includes("· 4 tokens"), "beta's tokens");
  expect(rowIds(pty).sort((a, b) => a - b)).toEqual(await ids(beta));

  // Mark the first two rows and delete them.
  const [first, second, third] = rowIds(pty);
  await pty.type("m", "m");
  await pty.waitFor((text) => text.includes("2 marked"), "two marks");
  await pty.type("d");
  await pty.waitFor((text) => text.includes("Delete the 2 marked tokens?"), "the dialog");
  await pty.type(keys.tab, keys.enter);
  await pty.waitFor(
    (text) => text.includes("Deleted 2 tokens") && text.includes("· 2 tokens"),
    "the deletion",
  );
  const afterDelete = await ids(beta);
  expect(afterDelete).not.toContain(first);
  expect(afterDelete).not.toContain(second);
  expect(afterDelete).toHaveLength(2);
  expect(await ids(alpha), "the other server is untouched").toEqual(alphaIds);

  // Replace the selected token (the third row, now first): a new one, then the old one deleted.
  await pty.waitFor(() => rowIds(pty)[0] === third, "the selection on the next token");
  await pty.type("R");
  const dialog = await pty.waitFor((text) => text.includes(`replaces #${third}`), "the new key");
  const fresh = Number(/New token #(\d+)/.exec(dialog)?.[1]);
  expect(await ids(beta)).toContain(fresh);
  await pty.type(keys.tab, keys.enter);
  await pty.waitFor((text) => text.includes(`Replaced #${third} by #${fresh}`), "the replacement");
  const afterReplace = await ids(beta);
  expect(afterReplace).toContain(fresh);
  expect(afterReplace).not.toContain(third);
  expect(afterReplace).toHaveLength(2);

  // Back to alpha: its own tokens, unchanged.
  await pty.type("C", "k", keys.enter);
  await pty.waitFor((text) => text.includes("[alpha]") && text.includes("· 3 tokens"), "alpha again");
  expect(rowIds(pty).sort((a, b) => a - b)).toEqual(alphaIds);
  expect(await ids(alpha)).toEqual(alphaIds);

  await pty.type("q");
  expect((await pty.exited).exitCode).toBe(0);
  await expectRestored(pty);
});
