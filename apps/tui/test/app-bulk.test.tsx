import { FaultProxy } from "@stream-tokens/testkit/fault-proxy";
import { describe, expect, it, onTestFinished } from "vitest";
import { countOf } from "../src/format.js";
import { allTokens, type Harness, rowOf, selectedId, startApp, useAppServer } from "./support/app-harness.js";
import { keys } from "./support/keys.js";

const setup = useAppServer();

async function reload(harness: Harness, count: number) {
  await harness.press("r");
  const label = countOf(count, "token");
  await harness.waitFor((frame) => frame.includes(`· ${label}`), label);
}

/** The ids of the table's rows, top to bottom. */
const rowIds = (frame: string): number[] =>
  frame
    .split("\n")
    .map((line) => /^[› ] (\d+) /.exec(line)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number);

describe("sorting", () => {
  it("s cycles id, created, expires, kind, active; S reverses; the header shows it; the selection stays on its token", async () => {
    const harness = await setup.open();
    const temporary = await harness.api.create({});
    const permanent = await harness.api.create({ permanent: true });
    const inactive = await harness.api.create({});
    await harness.api.update(inactive.id, { is_active: false });
    await reload(harness, 3);
    // The server's order: newest first.
    expect(rowIds(harness.frame())).toEqual([inactive.id, permanent.id, temporary.id]);
    await harness.press("j"); // select the permanent one
    await harness.waitFor((frame) => selectedId(frame) === permanent.id, "the permanent token selected");

    await harness.press("s");
    let frame = await harness.waitFor((text) => text.includes("sort: id ↑"), "sorted by id");
    expect(frame).toMatch(/ID ↑/);
    expect(rowIds(frame)).toEqual([temporary.id, permanent.id, inactive.id]);
    expect(selectedId(frame)).toBe(permanent.id);

    await harness.press("S");
    frame = await harness.waitFor((text) => text.includes("sort: id ↓"), "reversed");
    expect(rowIds(frame)).toEqual([inactive.id, permanent.id, temporary.id]);

    await harness.press("s", "s"); // created, then expires
    frame = await harness.waitFor((text) => text.includes("sort: expires ↓"), "sorted by expiry");
    expect(rowIds(frame)[0], "permanent never expires: last ascending, first descending").toBe(permanent.id);
    expect(selectedId(frame)).toBe(permanent.id);

    await harness.press("s", "S"); // kind, ascending: temporary before permanent
    frame = await harness.waitFor((text) => text.includes("sort: kind ↑"), "sorted by kind");
    expect(rowIds(frame)[2]).toBe(permanent.id);

    await harness.press("s"); // active, ascending: inactive first
    frame = await harness.waitFor((text) => text.includes("sort: is_active ↑"), "sorted by active");
    expect(rowIds(frame)[0]).toBe(inactive.id);
    expect(selectedId(frame)).toBe(permanent.id);

    await harness.press("s"); // back to the server's order
    frame = await harness.waitFor((text) => !text.includes("sort:"), "the server's order");
    expect(rowIds(frame)).toEqual([inactive.id, permanent.id, temporary.id]);
  });
});

describe("marks and bulk actions", () => {
  it("m marks and moves down, M marks every token in view, u clears; the header counts them", async () => {
    const harness = await setup.open();
    setup.server.insertTemporaryTokens(harness.apiToken, 5);
    await reload(harness, 5);
    const [first, second] = rowIds(harness.frame());
    await harness.press("m");
    let frame = await harness.waitFor((text) => text.includes("1 marked"), "one mark");
    expect(rowOf(frame, first ?? 0)).toMatch(/^ {2}\d+ \*/);
    expect(selectedId(frame)).toBe(second);
    await harness.press("k", "m");
    await harness.waitFor((text) => !text.includes("marked"), "unmarked again");
    await harness.press("M");
    frame = await harness.waitFor((text) => text.includes("5 marked"), "all marked");
    await harness.press("u");
    await harness.waitFor((text) => !text.includes("marked"), "marks cleared");
    // M marks what the / filter shows, no more.
    const [one] = await allTokens(harness.api);
    await harness.press("/", one?.key ?? "", keys.enter, "M");
    await harness.waitFor((text) => text.includes("1 marked"), "the one in view marked");
  });

  it("d with marks deletes them after a dialog that states the count; a failure is reported by token, the others stay deleted", async () => {
    const harness = await setup.open();
    setup.server.insertTemporaryTokens(harness.apiToken, 4);
    await reload(harness, 4);
    const [a, b, c, kept] = rowIds(harness.frame());
    await harness.press("m", "m", "m");
    await harness.waitFor((text) => text.includes("3 marked"), "three marks");
    await harness.api.delete(b ?? 0); // gone behind the UI's back: its delete will 404
    await harness.press("d");
    await harness.waitFor((text) => text.includes("Delete the 3 marked tokens?"), "the dialog");
    expect(harness.frame()).toContain("› Cancel ‹");
    await harness.press(keys.enter); // Cancel: nothing happens
    await harness.waitFor((text) => !text.includes("Delete the 3"), "cancelled");
    expect(await allTokens(harness.api)).toHaveLength(3);
    await harness.press("d", keys.tab, keys.enter);
    const frame = await harness.waitFor((text) => text.includes("Deleted 2 tokens"), "the outcome");
    expect(frame).toContain(`1 failed (#${b}: 404`);
    expect((await allTokens(harness.api)).map((token) => token.id)).toEqual([kept]);
    await harness.waitFor(
      (text) => rowOf(text, a ?? 0) === undefined && rowOf(text, c ?? 0) === undefined,
      "rows gone",
    );
    expect(harness.frame(), "the failed mark stays to retry or clear").toContain("1 marked");
  });

  it("space with marks switches them all to one state after a dialog; the API reports each", async () => {
    const harness = await setup.open();
    setup.server.insertTemporaryTokens(harness.apiToken, 3);
    await reload(harness, 3);
    await harness.press("M", keys.space);
    await harness.waitFor((text) => text.includes("Deactivate the 3 marked tokens?"), "the dialog");
    await harness.press(keys.right, keys.enter);
    await harness.waitFor((text) => text.includes("Deactivated 3 tokens"), "the outcome");
    expect((await allTokens(harness.api)).map((token) => token.is_active)).toEqual([false, false, false]);
    await harness.press(keys.space, keys.tab, keys.enter);
    await harness.waitFor((text) => text.includes("Activated 3 tokens"), "active again");
    expect((await allTokens(harness.api)).map((token) => token.is_active)).toEqual([true, true, true]);
  });
});

describe("replacing a leaked key", () => {
  it("R makes a token of the same kind, shows its key once (v, c), then deletes the old one when asked", async () => {
    const harness = await setup.open();
    const old = await harness.api.create({ permanent: true });
    await reload(harness, 1);
    await harness.press("R");
    const frame = await harness.waitFor((text) => text.includes(`replaces #${old.id}`), "the new key");
    const [fresh] = (await allTokens(harness.api)).filter((token) => token.id !== old.id);
    if (!fresh) throw new Error("no replacement was created");
    expect(fresh.expires, "the same kind").toBeNull();
    expect(frame).toContain(`Live now: #${fresh.id} and #${old.id}`);
    expect(frame).not.toContain(fresh.key);
    await harness.press("v");
    await harness.waitFor((text) => text.includes(fresh.key), "the key revealed");
    await harness.press("c");
    expect(harness.copied).toEqual([fresh.key]);
    await harness.press(keys.tab, keys.enter);
    await harness.waitFor(
      (text) => text.includes(`Replaced #${old.id} by #${fresh.id}: only #${fresh.id} is live`),
      "done",
    );
    expect((await allTokens(harness.api)).map((token) => token.id)).toEqual([fresh.id]);
    expect(harness.frame()).not.toContain(fresh.key);
  });

  it("Esc keeps the old token and says that both are live", async () => {
    const harness = await setup.open();
    const old = await harness.api.create({});
    await reload(harness, 1);
    await harness.press("R");
    await harness.waitFor((text) => text.includes(`replaces #${old.id}`), "the new key");
    await harness.press(keys.escape);
    const frame = await harness.waitFor((text) => text.includes("both"), "the status");
    expect(frame).toMatch(new RegExp(`Kept #${old.id}: both #${old.id} and #\\d+ are live`));
    expect(await allTokens(harness.api)).toHaveLength(2);
  });

  it("a permanent token when 5 exist: says the old one must go first and what that means, asks, then deletes and creates", async () => {
    const harness = await setup.open();
    for (let index = 0; index < 5; index++) await harness.api.create({ permanent: true });
    await reload(harness, 5);
    const old = selectedId(harness.frame()) ?? 0;
    await harness.press("R");
    let frame = await harness.waitFor((text) => text.includes("delete it first?"), "the question");
    expect(frame.replace(/[║\s]+/g, " ")).toContain("until the new token exists no key of it is live");
    await harness.press(keys.enter); // Cancel
    await harness.waitFor((text) => !text.includes("delete it first?"), "cancelled");
    expect(await allTokens(harness.api, true)).toHaveLength(5);
    await harness.press("R");
    await harness.waitFor((text) => text.includes("delete it first?"), "asked again");
    await harness.press(keys.tab, keys.enter);
    frame = await harness.waitFor(
      (text) => text.includes("only") && text.includes("✓ Replaced"),
      "the new key",
    );
    const after = await allTokens(harness.api, true);
    expect(after).toHaveLength(5);
    expect(after.map((token) => token.id)).not.toContain(old);
    const fresh = Math.max(...after.map((token) => token.id));
    expect(frame).toContain(`New token #${fresh}`);
    expect(frame).toContain(`Replaced #${old} by #${fresh}`);
    await harness.press(keys.enter);
    await harness.waitFor((text) => text.includes("KIND"), "the table");
  });
});

describe("contexts", () => {
  it("C without other contexts says how to add one", async () => {
    const harness = await setup.open();
    await harness.press("C");
    await harness.waitFor((text) => text.includes("stream-tokens context add"), "the hint");
  });

  it("C lists the contexts with the current one marked; enter switches through the app's switcher", async () => {
    const switched: string[] = [];
    const harness = await setup.open({
      contexts: {
        names: ["local", "staging", "prod"],
        current: "local",
        switchTo: async (name) => {
          switched.push(name);
        },
      },
    });
    await harness.press("C");
    const frame = await harness.waitFor((text) => text.includes("Switch context"), "the switcher");
    expect(frame).toMatch(/› local {2}\(current\)/);
    await harness.press("j", "j", "k", keys.enter);
    await harness.waitFor((text) => !text.includes("Switch context"), "closed");
    expect(switched).toEqual(["staging"]);
    await harness.press("C", keys.escape);
    await harness.waitFor((text) => !text.includes("Switch context"), "closed by Esc");
    expect(switched).toEqual(["staging"]);
  });
});

describe("the status line during a replacement", () => {
  it("says which keys are live while the new key is shown, and while the delete-first question waits", async () => {
    const harness = await setup.open();
    const old = await harness.api.create({});
    await reload(harness, 1);
    await harness.press("R");
    const shown = await harness.waitFor(
      (text) => /Live: #\d+ and #\d+ \(the new one\)/.test(text),
      "the live keys",
    );
    expect(shown).toContain(`Live: #${old.id} and #`);
    await harness.press(keys.escape);
    for (let index = 0; index < 4; index++) await harness.api.create({ permanent: true });
    const permanent = await harness.api.create({ permanent: true });
    await reload(harness, 7);
    await harness.press("/", permanent.key, keys.enter, "R");
    await harness.waitFor(
      (text) => text.includes(`Live: #${permanent.id} (nothing changed yet)`),
      "the live key",
    );
    await harness.press(keys.escape);
  });
});

describe("a replacement that fails", () => {
  it("says the old key is still the live one when the new token cannot be created", async () => {
    let armed = false;
    // A real proxy in front of the real server answers the one armed request with a 503.
    const proxy = await FaultProxy.start(setup.server.url, () => {
      if (!armed) return "pass";
      armed = false;
      return "503";
    });
    onTestFinished(() => proxy.close());
    const harness = await startApp({ url: proxy.url, createAccount: () => setup.server.createAccount() });
    onTestFinished(() => harness.unmount());
    const old = await harness.api.create({});
    await reload(harness, 1);
    armed = true; // the next request is the create of the replacement
    await harness.press("R");
    const frame = await harness.waitFor(
      (text) => text.includes("The replacement was not created"),
      "the failure",
    );
    expect(frame).toContain(`live: #${old.id} (unchanged)`);
    expect((await allTokens(harness.api)).map((token) => token.id)).toEqual([old.id]);
  });
});
