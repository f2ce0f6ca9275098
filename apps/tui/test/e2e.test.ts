import type { StreamToken } from "@stream-tokens/api-types";
import { expectRestored, type PtyApp, startPty } from "@stream-tokens/testkit/pty";
import { type RunningServer, startServer } from "stream-tokens-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { freshHome } from "./support/fresh-home.js";
import { keys } from "./support/keys.js";

const ESC = "\u001b";

let server: RunningServer;
let app: PtyApp | undefined;
beforeAll(async () => {
  server = await startServer({ host: "127.0.0.1", port: 0, db: ":memory:" });
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  if (app) {
    try {
      app.pty.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
  app = undefined;
});

/** The API as a script sees it: plain fetch with the Authorization header. */
function apiOf(apiToken: string) {
  const call = async (method: string, path: string, body?: object): Promise<Response> =>
    fetch(`${server.url}/v1/streams/tokens/${path}`, {
      method,
      headers: {
        Authorization: `Token ${apiToken}`,
        ...(body ? { "Content-Type": "application/json" } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  return {
    async create(permanent: boolean): Promise<void> {
      expect((await call("POST", "", { permanent })).status).toBe(201);
    },
    async list(query = ""): Promise<StreamToken[]> {
      const response = await call("GET", `?limit=100&offset=0${query}`);
      expect(response.status).toBe(200);
      return (await response.json()) as StreamToken[];
    },
    async status(id: number): Promise<number> {
      return (await call("GET", `${id}/`)).status;
    },
  };
}

function environment(apiToken: string): Record<string, string> {
  return { ...freshHome("st-e2e-"), NEUROIO_API_TOKEN: apiToken, NEUROIO_API_URL: server.url };
}

/** The app on a new account with 5 permanent tokens: they never tick, so only keys change the screen. */
async function startWithFivePermanent(): Promise<{ pty: PtyApp; apiToken: string }> {
  const apiToken = server.createAccount().account;
  for (let index = 0; index < 5; index++) await apiOf(apiToken).create(true);
  app = startPty(environment(apiToken));
  await app.waitFor((text) => text.includes("5 tokens"), "the list");
  return { pty: app, apiToken };
}

const selectedRow = (pty: PtyApp) => pty.screen().findIndex((row) => row.startsWith("›"));

describe("the built app in a real pseudo-terminal", () => {
  it("creates, refuses the sixth permanent, toggles, deletes, deletes a list, resizes and quits cleanly", async () => {
    const apiToken = server.createAccount().account;
    const api = apiOf(apiToken);
    app = startPty(environment(apiToken));
    const pty = app;
    await pty.waitFor((text) => text.includes("refreshed"), "the first frame");
    expect(pty.buffer()).toBe("alternate");
    expect(pty.text()).not.toContain(apiToken);
    const screenRows = pty.screen();
    expect(screenRows[23], "the frame leaves the last row free").toBe("");
    expect(screenRows[22]).toMatch(/^j\/k move .* \? help {2}q quit/);

    await pty.type("n");
    await pty.waitFor((text) => text.includes("Created temporary token"), "a temporary token");
    for (let index = 1; index <= 5; index++) {
      await pty.type("p");
      await pty.waitFor((text) => text.includes(`permanent ${index}/5`), `permanent ${index}/5`);
    }
    expect((await api.list("&permanent=true")).length).toBe(5);
    expect((await api.list("&permanent=false")).length).toBe(1);

    await pty.type("p");
    await pty.waitFor((text) => text.includes("Refused: 5/5 permanent tokens exist"), "the refusal");
    expect((await api.list("&permanent=true")).length).toBe(5);
    await pty.type(keys.escape);
    await pty.waitFor((text) => !text.includes("Refused"), "the refusal dismissed");

    const [newest] = await api.list();
    if (!newest) throw new Error("no token");
    expect(pty.text()).toMatch(new RegExp(`› ${newest.id}\\s`));
    await pty.type(keys.space);
    await pty.waitFor((text) => text.includes(`Token #${newest.id} is now inactive`), "the toggle");
    expect((await api.list()).find((token) => token.id === newest.id)?.is_active).toBe(false);

    await pty.type("d");
    await pty.waitFor((text) => text.includes(`Delete token #${newest.id}?`), "the delete dialog");
    await pty.type(keys.tab, keys.enter);
    await pty.waitFor((text) => text.includes(`Deleted token #${newest.id}`), "the deletion");
    expect(await api.status(newest.id)).toBe(404);
    expect((await api.list("&permanent=true")).length).toBe(4);

    await pty.type("2");
    await pty.waitFor(
      (text) => text.includes("filter: temporary") && text.includes("· 1 token "),
      "temporary",
    );
    await pty.type("D");
    await pty.waitFor((text) => text.includes("Delete all 1 temporary token?"), "the delete-list dialog");
    await pty.type("1", keys.enter);
    await pty.waitFor((text) => text.includes("Deleted 1 temporary token"), "the list deleted");
    expect((await api.list("&permanent=false")).length).toBe(0);
    expect((await api.list("&permanent=true")).length).toBe(4);

    await pty.type("1");
    pty.resize(120, 30);
    await pty.waitFor((text) => text.includes("CREATED") && text.includes("· 4 tokens"), "the wide redraw");
    expect(pty.screen()[29]).toBe("");
    pty.resize(50, 10);
    await pty.waitFor((text) => text.includes("Terminal too small: 50x10"), "the too-small message");
    pty.resize(80, 24);
    await pty.waitFor((text) => !text.includes("too small") && text.includes("KIND"), "back to 80x24");
    expect(pty.text()).toContain("CREATED");
    // Taller only: Ink redraws the whole frame, the table stays on screen (not just the footer).
    pty.resize(80, 30);
    await pty.waitFor(
      (text) => text.includes("KIND") && text.includes("· 4 tokens") && text.includes("CREATED"),
      "the taller redraw",
    );
    expect(pty.screen()[29]).toBe("");

    await pty.type("q");
    const exit = await pty.exited;
    expect(exit.exitCode).toBe(0);
    await expectRestored(pty);
  });

  it("redraws incrementally: a key press rewrites only the rows that changed, in place", async () => {
    const { pty } = await startWithFivePermanent();
    await pty.settle();
    const fullFrameBytes = pty.raw().length;
    const firstRow = selectedRow(pty);
    for (const [key, step] of [
      ["j", 1],
      ["j", 2],
      ["k", 1],
      ["j", 2],
    ] as const) {
      const before = pty.raw().length;
      await pty.type(key);
      await pty.waitFor(() => selectedRow(pty) === firstRow + step, `the selection after ${key}`);
      await pty.settle();
      expect(pty.raw().length - before, `bytes written for ${key}`).toBeLessThan(fullFrameBytes / 3);
    }
    const rows = pty.screen();
    expect(rows[0], "the header stays on the first row").toMatch(/^stream-tokens · /);
    expect(rows[22], "the footer stays on the row above the last").toMatch(/^j\/k move /);
    expect(rows[23], "the last row stays free").toBe("");
    expect(
      rows.filter((row) => row.startsWith("›")),
      "one selected row",
    ).toHaveLength(1);
    expect(rows[5], "the selection moved down twice, up once and down again").toMatch(/^› /);
    await pty.type("q");
    await pty.exited;
    await expectRestored(pty);
  });

  it("keys that arrive in one read act one after another, each on the screen the key before left", async () => {
    const { pty, apiToken } = await startWithFivePermanent();
    const firstRow = selectedRow(pty);

    await pty.type("jjj");
    await pty.waitFor(() => selectedRow(pty) === firstRow + 3, "three rows down");
    const id = Number(/^› (\d+)/.exec(pty.screen()[firstRow + 3] ?? "")?.[1]);
    expect(await apiOf(apiToken).status(id)).toBe(200);

    // The dialog opens, Tab moves its focus to Delete and enter presses it.
    await pty.type(`d${keys.tab}${keys.enter}`);
    await pty.waitFor((text) => text.includes(`Deleted token #${id}`), "the deletion");
    expect(await apiOf(apiToken).status(id)).toBe(404);

    // Esc and the key after it are two keys, not Alt+q: the help opens, closes, and q quits.
    await pty.type(`?${keys.escape}q`);
    expect((await pty.exitWithin(10_000)).exitCode).toBe(0);
    await expectRestored(pty);
  });

  it("ctrl-c quits from inside a dialog and restores the screen", async () => {
    const apiToken = server.createAccount().account;
    app = startPty(environment(apiToken));
    const pty = app;
    await pty.waitFor((text) => text.includes("refreshed"), "the first frame");
    await pty.type("n");
    await pty.waitFor((text) => text.includes("· 1 token "), "one token");
    await pty.type("d");
    await pty.waitFor((text) => text.includes("Delete token #"), "the dialog");
    await pty.type(keys.ctrlC);
    expect((await pty.exited).exitCode).toBe(0);
    await expectRestored(pty);
    expect(await apiOf(apiToken).list()).toHaveLength(1);
  });

  it("SIGTERM restores the screen before the process ends", async () => {
    const apiToken = server.createAccount().account;
    app = startPty(environment(apiToken));
    const pty = app;
    await pty.waitFor((text) => text.includes("refreshed"), "the first frame");
    pty.pty.kill("SIGTERM");
    const exit = await pty.exited;
    expect(exit.exitCode).toBe(143);
    await expectRestored(pty);
  });

  it("pnpm start's default: with no token it opens on the local server, kept in XDG_DATA_HOME", async () => {
    const env = environment("unused");
    const { NEUROIO_API_TOKEN: _token, NEUROIO_API_URL: _url, ...noToken } = env;
    app = startPty(noToken);
    const pty = app;
    await pty.waitFor((text) => text.includes("refreshed"), "the first frame", 20_000);
    expect(pty.text()).toMatch(/local server http:\/\/127\.0\.0\.1:\d+/);
    await pty.type("n");
    await pty.waitFor((text) => text.includes("Created temporary token"), "a token");
    await pty.type("q");
    expect((await pty.exited).exitCode).toBe(0);
    await expectRestored(pty);
    // The second run finds the token again: the database lives on.
    app = startPty(noToken);
    const second = app;
    await second.waitFor(
      (text) => text.includes("refreshed") && text.includes("· 1 token "),
      "the kept token",
      20_000,
    );
    await second.type("q");
    expect((await second.exited).exitCode).toBe(0);
  });

  it("an uncaught error restores the screen first, then prints its message", async () => {
    const script = new URL("./fixtures/crash-in-fullscreen.mjs", import.meta.url).pathname;
    app = startPty({}, { script });
    const pty = app;
    const exit = await pty.exited;
    expect(exit.exitCode).toBe(70);
    await expectRestored(pty);
    const raw = pty.raw();
    const message = raw.indexOf("stream-tokens: unexpected error: boom from a timer");
    expect(message).toBeGreaterThan(raw.lastIndexOf("\x1b[?1049l"));
  });

  it("NO_COLOR: the selected row is marked by a glyph and no colour is sent; c copies through OSC 52", async () => {
    const apiToken = server.createAccount().account;
    app = startPty({ ...environment(apiToken), NO_COLOR: "1" });
    const pty = app;
    await pty.waitFor((text) => text.includes("refreshed"), "the first frame");
    await pty.type("n");
    await pty.waitFor((text) => /^› \d+ /m.test(text), "the selected row");
    expect(pty.raw()).not.toMatch(new RegExp(`${ESC}\\[(3[0-7]|9[0-7]|7)m`));
    // c: the key goes to the terminal's clipboard through OSC 52, and nowhere on screen.
    const [token] = await apiOf(apiToken).list();
    if (!token) throw new Error("no token");
    await pty.type("c");
    await pty.waitFor((text) => text.includes("to the clipboard (OSC 52)"), "the copy message");
    expect(pty.raw()).toContain(`${ESC}]52;c;${Buffer.from(token.key).toString("base64")}\u0007`);
    expect(pty.text()).not.toContain(token.key);
    await pty.type("q");
    await pty.exited;
  });
});
