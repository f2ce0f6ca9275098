import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { type RunningServer, startServer } from "@stream-tokens/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fault, FaultProxy } from "./support/fault-proxy.js";
import { openTui, terminalRestored } from "./support/tui-process.js";

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "terminal-"));
  server = await startServer({ seed: true });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function envFor(url: string): Record<string, string> {
  return {
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, "config"),
    NEUROIO_API_URL: url,
    NEUROIO_API_TOKEN: server.apiTokens?.account ?? "",
  };
}

describe("the terminal after the UI ends badly", () => {
  it("survives the server vanishing mid-request, says so, and restores the screen on quit", async () => {
    const faults: Fault[] = [];
    const proxy = await FaultProxy.start(server.url, () => faults.shift() ?? "pass");
    const ui = openTui(envFor(proxy.url));
    await ui.waitFor("permanent 0/5");
    faults.push("stall");
    ui.type("r");
    await delay(300);
    await proxy.close();
    await ui.waitFor("ECONNREFUSED", 10_000);
    ui.type("q");
    await ui.exitWithin(10_000);
    expect(terminalRestored(ui.output())).toEqual({ normalScreen: true, cursorShown: true });
  });

  it("restores the screen and the cursor when killed with SIGTERM during a request", async () => {
    const proxy = await FaultProxy.start(server.url, () => "stall");
    const ui = openTui(envFor(proxy.url));
    await delay(1_500);
    ui.kill("SIGTERM");
    const exit = await ui.exitWithin(10_000);
    await proxy.close();
    expect(exit.exitCode === 143 || exit.signal !== undefined).toBe(true);
    expect(terminalRestored(ui.output())).toEqual({ normalScreen: true, cursorShown: true });
  });
});
