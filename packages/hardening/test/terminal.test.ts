import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { type Fault, FaultProxy } from "@stream-tokens/testkit/fault-proxy";
import { demoTokens, useStarted, useTempDir } from "@stream-tokens/testkit/fixtures";
import { expectRestored, startPty } from "@stream-tokens/testkit/pty";
import { startServer } from "stream-tokens-server";
import { describe, expect, it } from "vitest";

const SIZE = { columns: 100, rows: 30 };
const home = useTempDir();
const server = useStarted(() => startServer({ seed: true }));

function envFor(url: string): Record<string, string> {
  return {
    HOME: home(),
    XDG_CONFIG_HOME: join(home(), "config"),
    NEUROIO_API_URL: url,
    NEUROIO_API_TOKEN: demoTokens(server()).account,
  };
}

describe("the terminal after the UI ends badly", () => {
  it("survives the server vanishing mid-request, says so, and restores the screen on quit", async () => {
    const faults: Fault[] = [];
    const proxy = await FaultProxy.start(server().url, () => faults.shift() ?? "pass");
    const ui = startPty(envFor(proxy.url), SIZE);
    await ui.waitFor((screen) => screen.includes("permanent 0/5"), "the first frame", 15_000);
    faults.push("stall");
    await ui.type("r");
    await delay(300);
    await proxy.close();
    await ui.waitFor((screen) => screen.includes("ECONNREFUSED"), "the connection error");
    await ui.type("q");
    await ui.exitWithin(10_000);
    await expectRestored(ui);
  });

  it("restores the screen and the cursor when killed with SIGTERM during a request", async () => {
    const proxy = await FaultProxy.start(server().url, () => "stall");
    const ui = startPty(envFor(proxy.url), SIZE);
    await delay(1_500);
    ui.pty.kill("SIGTERM");
    const exit = await ui.exitWithin(10_000);
    await proxy.close();
    expect(exit.exitCode === 143 || exit.signal !== undefined).toBe(true);
    await expectRestored(ui);
  });
});
