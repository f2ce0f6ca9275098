import { describe, expect, it } from "vitest";
import { countOf } from "../src/format.js";
import { detailLines } from "../src/token-fields.js";
import { allTokens, type Harness, rowOf, selectedId, useAppServer } from "./support/app-harness.js";
import { keys } from "./support/keys.js";

const setup = useAppServer();
const open = setup.open;

async function reload(harness: Harness, count: number) {
  await harness.press("r");
  const label = countOf(count, "token");
  await harness.waitFor((frame) => frame.includes(`· ${label}`), label);
}

describe("creating tokens", () => {
  it("n creates a temporary token and p a permanent one; the API has both", async () => {
    const harness = await open();
    await harness.press("n");
    await harness.waitFor((frame) => frame.includes("Created temporary token"), "the temporary token");
    await harness.press("p");
    await harness.waitFor((frame) => frame.includes("Created permanent token"), "the permanent token");
    await harness.waitFor(
      (frame) => frame.includes("permanent 1/5") && frame.includes("· 2 tokens"),
      "the header",
    );
    const tokens = await allTokens(harness.api);
    expect(tokens.filter((token) => token.expires === null)).toHaveLength(1);
    expect(tokens.filter((token) => token.expires !== null)).toHaveLength(1);
    for (const token of tokens) expect(harness.frame()).not.toContain(token.key);
  });

  it("p is refused up front, with the reason, when 5 permanent tokens exist: no request is sent", async () => {
    const harness = await open();
    for (let index = 0; index < 5; index++) await harness.api.create({ permanent: true });
    await reload(harness, 5);
    expect(harness.frame()).toContain("permanent 5/5");
    const posts = () => harness.requests.filter((request) => request.method === "POST").length;
    await harness.press("p");
    await harness.waitFor((frame) => frame.includes("Refused: 5/5 permanent tokens exist"), "the refusal");
    expect(posts()).toBe(0);
    expect(await allTokens(harness.api, true)).toHaveLength(5);
  });

  it("when the count is stale the server's refusal is shown with its message and code, and stays", async () => {
    const harness = await open({ successFadeMs: 100 });
    for (let index = 0; index < 5; index++) await harness.api.create({ permanent: true });
    // The UI still believes there are none: the server answers 409.
    await harness.press("p");
    const frame = await harness.waitFor((text) => text.includes("✗ 409"), "the server's error");
    expect(frame).toMatch(/code 1300/);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(harness.frame(), "errors stay until dismissed").toContain("✗ 409");
    await harness.press(keys.escape);
    await harness.waitFor((text) => !text.includes("✗ 409"), "the error dismissed");
  });
});

describe("toggling", () => {
  it("space shows the change at once and the API reports it", async () => {
    const harness = await open();
    const token = await harness.api.create({});
    await reload(harness, 1);
    expect(rowOf(harness.frame(), token.id)).toMatch(/temporary\s+yes/);
    await harness.press(keys.space);
    await harness.waitFor(
      (frame) => frame.includes(`Token #${token.id} is now inactive`),
      "the confirmation",
    );
    expect(rowOf(harness.frame(), token.id)).toMatch(/temporary\s+no/);
    expect((await harness.api.get(token.id)).is_active).toBe(false);
    await harness.press(keys.space);
    await harness.waitFor((frame) => frame.includes(`Token #${token.id} is now active`), "active again");
    expect((await harness.api.get(token.id)).is_active).toBe(true);
  });

  it("a failed toggle rolls back and says why", async () => {
    const harness = await open();
    const token = await harness.api.create({});
    await reload(harness, 1);
    await harness.api.delete(token.id); // gone behind the UI's back: the update will 404
    await harness.press(keys.space);
    await harness.waitFor((frame) => frame.includes("✗ 404"), "the error");
    expect(rowOf(harness.frame(), token.id)).toMatch(/temporary\s+yes/);
  });
});

describe("deleting", () => {
  it("d asks first with the focus on Cancel: enter keeps the token, Tab then enter deletes it", async () => {
    const harness = await open();
    const token = await harness.api.create({});
    await reload(harness, 1);
    await harness.press("d");
    await harness.waitFor((frame) => frame.includes(`Delete token #${token.id}?`), "the dialog");
    expect(harness.frame()).toContain("› Cancel ‹");
    await harness.press(keys.enter);
    await harness.waitFor((frame) => !frame.includes("Delete token #"), "the dialog closed");
    expect((await harness.api.get(token.id)).id).toBe(token.id);
    await harness.press("d", keys.tab);
    await harness.waitFor((frame) => frame.includes("› Delete ‹"), "focus on Delete");
    await harness.press(keys.enter);
    await harness.waitFor((frame) => frame.includes(`Deleted token #${token.id}`), "the deletion");
    expect(await allTokens(harness.api)).toHaveLength(0);
  });

  it("Esc cancels the d dialog", async () => {
    const harness = await open();
    await harness.api.create({});
    await reload(harness, 1);
    await harness.press("d", keys.right, keys.escape);
    await harness.waitFor((frame) => !frame.includes("Delete token #"), "the dialog closed");
    expect(await allTokens(harness.api)).toHaveLength(1);
  });

  it("D deletes every token of the filter after the number is typed; other kinds stay", async () => {
    const harness = await open();
    setup.server.insertTemporaryTokens(harness.apiToken, 12);
    const permanent = await harness.api.create({ permanent: true });
    await harness.press("2");
    await harness.waitFor(
      (frame) => frame.includes("filter: temporary") && frame.includes("· 12 tokens"),
      "12",
    );
    await harness.press("D");
    await harness.waitFor((frame) => frame.includes("Delete all 12 temporary tokens?"), "the dialog");
    await harness.press("1", "3", keys.enter);
    expect(harness.frame(), "a wrong number does nothing").toContain("Delete all 12 temporary tokens?");
    expect(await allTokens(harness.api, false)).toHaveLength(12);
    await harness.press(keys.backspace, keys.backspace, "1", "2", keys.enter);
    await harness.waitFor((frame) => frame.includes("Deleted 12 temporary tokens"), "the deletion");
    expect(await allTokens(harness.api, false)).toHaveLength(0);
    expect((await allTokens(harness.api, true)).map((token) => token.id)).toEqual([permanent.id]);
    const deletes = harness.requests
      .filter((request) => request.method === "DELETE")
      .map((r) => new URL(r.url));
    expect(deletes.map((url) => url.searchParams.get("permanent"))).toEqual(["false"]);
  });

  it("D refuses while the / filter hides tokens, so it never deletes more than is shown", async () => {
    const harness = await open();
    const first = await harness.api.create({});
    await harness.api.create({});
    await reload(harness, 2);
    // By its key, which no other token's key holds (its id's digits may turn up in another key).
    await harness.press("/", ...first.key.split(""), keys.enter, "D");
    await harness.waitFor((frame) => frame.includes("the / filter hides 1"), "the refusal");
    expect(await allTokens(harness.api)).toHaveLength(2);
  });

  it("D deletes nothing when the server's list changed since the screen was drawn", async () => {
    const harness = await open();
    await harness.api.create({});
    await reload(harness, 1);
    await harness.press("D");
    await harness.waitFor((frame) => frame.includes("Type 1"), "the dialog");
    await harness.api.create({}); // a token the user has not seen
    await harness.press("1", keys.enter);
    await harness.waitFor(
      (frame) => frame.includes("Nothing deleted: the server now has 2 tokens, not 1"),
      "the refusal",
    );
    expect(await allTokens(harness.api)).toHaveLength(2);
  });
});

describe("details, copy, refresh", () => {
  it("enter opens the details with the key masked until v; Esc closes", async () => {
    const harness = await open();
    const token = await harness.api.create({ permanent: true });
    await reload(harness, 1);
    await harness.press(keys.enter);
    await harness.waitFor((frame) => frame.includes(`Token #${token.id}`), "the detail pane");
    expect(harness.frame()).not.toContain(token.key);
    expect(harness.frame()).toContain("never (permanent)");
    await harness.press("v");
    await harness.waitFor((frame) => frame.includes(token.key), "the key revealed");
    await harness.press("v");
    await harness.waitFor((frame) => !frame.includes(token.key), "the key masked again");
    await harness.press(keys.escape);
    await harness.waitFor((frame) => frame.includes("KIND"), "the table");
  });

  it("c copies the selected key through the clipboard writer and says so", async () => {
    const harness = await open();
    const token = await harness.api.create({});
    await reload(harness, 1);
    await harness.press("c");
    await harness.waitFor((frame) => frame.includes("to the clipboard (OSC 52)"), "the message");
    expect(harness.copied).toEqual([token.key]);
    expect(harness.frame()).not.toContain(token.key);
  });

  it("r shows tokens made elsewhere; the list also refreshes by itself", async () => {
    const harness = await open({ refreshIntervalMs: 150 });
    const token = await harness.api.create({});
    await harness.waitFor((frame) => rowOf(frame, token.id) !== undefined, "the automatic refresh");
    const other = await harness.api.create({});
    await harness.press("r");
    await harness.waitFor((frame) => rowOf(frame, other.id) !== undefined, "the manual refresh");
  });

  it("the automatic refresh waits while a dialog is open", async () => {
    const harness = await open({ refreshIntervalMs: 100 });
    await harness.api.create({});
    await harness.waitFor((frame) => frame.includes("· 1 token "), "one token");
    const lists = () => harness.requests.filter((request) => request.method === "GET").length;
    await harness.press("d");
    await harness.waitFor((frame) => frame.includes("Delete token #"), "the dialog");
    const before = lists();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(lists()).toBe(before);
    await harness.press(keys.escape);
    await harness.waitFor(() => lists() > before, "refreshing again", 3000);
  });

  it("successes fade by themselves", async () => {
    const harness = await open({ successFadeMs: 200 });
    await harness.press("n");
    await harness.waitFor((frame) => frame.includes("✓ Created"), "the success");
    await harness.waitFor((frame) => !frame.includes("✓ Created"), "the success faded", 3000);
  });
});

describe("quitting, help, terminal size, colour", () => {
  it("q quits from the list; ctrl-c quits from anywhere, dialogs and filter typing included", async () => {
    const harness = await open();
    await harness.api.create({});
    await reload(harness, 1);
    await harness.press("q");
    expect(harness.quits()).toBe(1);
    await harness.press("d", keys.ctrlC);
    expect(harness.quits()).toBe(2);
    await harness.press(keys.escape, "/", keys.ctrlC);
    expect(harness.quits()).toBe(3);
  });

  it("? shows every key of the keymap with what it does; Esc closes it", async () => {
    const harness = await open({ width: 200, height: 49 });
    const { keymap } = await import("../src/ui/keymap.js");
    await harness.press("?");
    const frame = await harness.waitFor((text) => text.includes("Keys"), "the help");
    for (const binding of keymap) expect(frame).toContain(binding.description);
    expect(frame).toContain("ctrl-c");
    const inside = frame.split("\n").filter((line) => line.startsWith("│"));
    expect(inside.length).toBeGreaterThan(10);
    expect(
      inside.filter((line) => !line.startsWith("│ ")),
      "no title or key touches the border",
    ).toEqual([]);
    await harness.press(keys.escape);
    await harness.waitFor((text) => text.includes("KIND"), "the table");
  });

  it("the help scrolls with j/k when the terminal is too small to show it whole", async () => {
    const harness = await open({ width: 60, height: 11 });
    await harness.press("?");
    await harness.waitFor((text) => text.includes("j/k scroll"), "the scrollable help");
    expect(harness.frame()).not.toContain("close the help");
    for (let index = 0; index < 80; index++) await harness.press("j");
    await harness.waitFor((text) => text.includes("close the help"), "the end of the help");
    expect(harness.frame()).not.toContain("move up");
    for (let index = 0; index < 80; index++) await harness.press("k");
    await harness.waitFor((text) => text.includes("move up"), "the top again");
    await harness.press("q");
    await harness.waitFor((text) => text.includes("KIND"), "the table");
    expect(harness.quits(), "q closes the help, it does not quit").toBe(0);
  });

  it("says clearly when the terminal is too small, still quits, and redraws on resize", async () => {
    const harness = await open({ width: 100, height: 23 });
    const token = await harness.api.create({});
    await reload(harness, 1);
    expect(harness.frame()).toContain("CREATED");
    harness.rerender({ width: 50, height: 23 });
    await harness.waitFor((frame) => frame.includes("Terminal too small: 50x24"), "the message");
    expect(harness.frame().replace(/\s+/g, " ")).toContain("needs at least 60x12");
    harness.rerender({ width: 80, height: 10 });
    await harness.waitFor((frame) => frame.includes("Terminal too small: 80x11"), "too few rows");
    harness.rerender({ width: 70, height: 23 });
    await harness.waitFor((frame) => rowOf(frame, token.id) !== undefined, "the table again");
    expect(harness.frame(), "narrow: no CREATED column").not.toContain("CREATED");
    expect(harness.frame().split("\n")).toHaveLength(23);
    harness.rerender({ width: 200, height: 49 });
    await harness.waitFor((frame) => frame.includes("CREATED"), "wide again");
    expect(harness.frame().split("\n")).toHaveLength(49);
    harness.rerender({ width: 40, height: 10 });
    await harness.waitFor((frame) => frame.includes("too small"), "small again");
    await harness.press("q");
    expect(harness.quits()).toBe(1);
  });

  it("the footer names the keys of the view that has the keyboard, and none of the list's under a dialog", async () => {
    const harness = await open();
    await harness.api.create({});
    await reload(harness, 1);
    const footer = () => harness.frame().split("\n").at(-1) ?? "";
    expect(footer()).toMatch(/^j\/k move .* \? help {2}q quit$/);
    await harness.press("/");
    await harness.waitFor(() => footer().startsWith("enter keep filter"), "the filter's keys");
    expect(footer()).toBe("enter keep filter  Esc clear it");
    await harness.press(keys.escape, "d");
    await harness.waitFor((frame) => frame.includes("Delete token #"), "the dialog");
    expect(footer()).toBe("");
    await harness.press(keys.escape);
    await harness.waitFor(() => footer().startsWith("j/k move"), "the list's keys again");
  });

  it("at the smallest size (60x11) the header keeps the masked token and the details keep every field", async () => {
    const harness = await open({ width: 60, height: 11 });
    const token = await harness.api.create({});
    await reload(harness, 1);
    expect(harness.frame()).toContain("token at_xx…xxxx");
    expect(harness.frame()).toContain("permanent 0/5");
    await harness.press(keys.enter);
    const frame = await harness.waitFor((text) => text.includes("(v shows it)"), "the details");
    for (const { label } of detailLines) expect(frame).toMatch(new RegExp(`^${label}\\s`, "m"));
    // The detail view's keys are in the footer, under every field.
    expect(frame.split("\n").at(-1)).toMatch(/^v show\/mask key {2}c copy key {2}Esc back {2}q quit/);
    expect(frame).not.toContain(token.key);
    expect(frame.split("\n")).toHaveLength(11);
  });

  it("without colour the selected row is still marked by a glyph", async () => {
    const harness = await open({ color: false });
    const token = await harness.api.create({});
    await reload(harness, 1);
    expect(rowOf(harness.frame(), token.id)).toMatch(/^› /);
    expect(selectedId(harness.frame())).toBe(token.id);
  });
});
