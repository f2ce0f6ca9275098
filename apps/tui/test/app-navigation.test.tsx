import { describe, expect, it } from "vitest";
import { countOf } from "../src/format.js";
import { type Harness, selectedId, useAppServer } from "./support/app-harness.js";
import { keys } from "./support/keys.js";

const setup = useAppServer();

/** An app with `count` temporary tokens (ids descending on screen: newest first). */
async function appWith(count: number, height = 23) {
  const harness = await setup.open({ height });
  if (count > 0) setup.server.insertTemporaryTokens(harness.apiToken, count);
  await harness.press("r");
  const label = countOf(count, "token");
  await harness.waitFor((frame) => frame.includes(label), label);
  return harness;
}

/** Waits until the › row is the token with this id (frames lag key presses on a busy machine). */
async function selected(harness: Harness, id: number | undefined) {
  await harness.waitFor((frame) => selectedId(frame) === id, `token ${id} selected`);
}

const ids = async (harness: Harness) => (await harness.api.list({ limit: 100 })).map((token) => token.id);

describe("moving the selection", () => {
  it("j/k and the arrows move one row, g/G and Home/End jump to the ends", async () => {
    const harness = await appWith(30);
    const order = await ids(harness);
    await selected(harness, order[0]);
    await harness.press("j", "j", keys.down);
    await selected(harness, order[3]);
    await harness.press("k", keys.up);
    await selected(harness, order[1]);
    await harness.press("G");
    await selected(harness, order[29]);
    await harness.press("g");
    await selected(harness, order[0]);
    await harness.press(keys.end);
    await selected(harness, order[29]);
    await harness.press(keys.home);
    await selected(harness, order[0]);
    await harness.press("k", "j");
    await selected(harness, order[1]); // k at the top stayed there, so j went to the second row
  });

  it("PgDn/PgUp move one screenful, and the list scrolls to keep the selection in view", async () => {
    const harness = await appWith(40, 15); // 10 token rows
    const order = await ids(harness);
    await harness.press(keys.pageDown);
    await selected(harness, order[10]);
    expect(harness.frame()).not.toContain(` ${order[0]} `);
    await harness.press(keys.pageDown, keys.pageDown, keys.pageDown, keys.pageDown);
    await selected(harness, order[39]);
    await harness.press(keys.pageUp);
    await selected(harness, order[29]);
  });

  it("renders only the rows in view: 10,000 tokens make a frame exactly as tall as the terminal allows", async () => {
    const harness = await appWith(10_000);
    const frame = harness.frame();
    expect(frame.split("\n")).toHaveLength(23);
    expect(frame.split("\n").filter((line) => /^[› ] \d+ /.test(line))).toHaveLength(18);
    await harness.press("G");
    const order = await harness.api.list({ limit: 1, offset: 9_999 });
    await selected(harness, order[0]?.id);
  });
});

describe("filters", () => {
  it("1/2/3 show all, temporary and permanent tokens, from the API's permanent filter", async () => {
    const harness = await appWith(3);
    const permanent = await harness.api.create({ permanent: true });
    await harness.press("3");
    await harness.waitFor(
      (frame) => frame.includes("filter: permanent") && frame.includes("· 1 token "),
      "permanent",
    );
    expect(harness.frame()).toContain(` ${permanent.id} `);
    expect(harness.frame()).not.toContain("temporary yes");
    await harness.press("2");
    await harness.waitFor(
      (frame) => frame.includes("filter: temporary") && frame.includes("3 tokens"),
      "temporary",
    );
    expect(harness.frame()).not.toMatch(/permanent\s+yes/);
    await harness.press("1");
    await harness.waitFor((frame) => frame.includes("filter: all") && frame.includes("4 tokens"), "all");
    const lists = harness.requests
      .filter((request) => request.method === "GET")
      .map((request) => new URL(request.url));
    expect(lists.some((url) => url.searchParams.get("permanent") === "true")).toBe(true);
    expect(lists.some((url) => url.searchParams.get("permanent") === "false")).toBe(true);
  });

  it("/ filters live on id or key, Esc clears it", async () => {
    const harness = await appWith(0);
    const first = await harness.api.create({});
    const second = await harness.api.create({});
    await harness.press("r");
    await harness.waitFor((frame) => frame.includes("2 tokens"), "two tokens");
    // By the id of a token whose digits the other's random key does not hold (one of the two).
    const [byId, other] = first.key.includes(String(second.id)) ? [first, second] : [second, first];
    await harness.press("/", ...String(byId.id).split(""));
    await harness.waitFor((frame) => frame.includes(`1 of 2 tokens`), "the id filter");
    expect(harness.frame()).toContain(` ${byId.id} `);
    expect(harness.frame()).not.toMatch(new RegExp(`^[› ] ${other.id} `, "m"));
    await harness.press(keys.escape);
    await harness.waitFor((frame) => frame.includes("· 2 tokens"), "the filter cleared");
    // A piece of the key (never shown on screen) finds the token too.
    await harness.press("/", ...first.key.slice(6, 14).split(""), keys.enter);
    await harness.waitFor((frame) => frame.includes("1 of 2 tokens"), "the key filter");
    await selected(harness, first.id);
    // Back in the list, keys act again and Esc clears the kept filter.
    await harness.press(keys.escape);
    await harness.waitFor((frame) => frame.includes("· 2 tokens"), "the filter cleared from the list");
  });

  it("a whole key pasted into the filter finds its token and stays masked on screen", async () => {
    const harness = await appWith(0);
    const token = await harness.api.create({});
    await harness.api.create({});
    await harness.press("r");
    await harness.waitFor((frame) => frame.includes("· 2 tokens"), "two tokens");
    await harness.press("/", token.key, keys.enter);
    await harness.waitFor((frame) => frame.includes("1 of 2 tokens"), "the match");
    await selected(harness, token.id);
    expect(harness.frame()).not.toContain(token.key);
  });

  it("keys typed while filtering are text, not commands", async () => {
    const harness = await appWith(2);
    await harness.press("/", "q", "n");
    await harness.waitFor((frame) => frame.includes("/qn"), "the typed text");
    expect(harness.quits()).toBe(0);
    expect(await harness.api.list({})).toHaveLength(2);
    await harness.press(keys.backspace);
    await harness.waitFor((frame) => frame.includes("/q▏"), "backspace");
  });
});
