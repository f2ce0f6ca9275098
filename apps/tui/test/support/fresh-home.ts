import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";

/** A new HOME with its XDG config and data folders inside, for one test; removed when the test ends. */
export function freshHome(prefix: string): { HOME: string; XDG_CONFIG_HOME: string; XDG_DATA_HOME: string } {
  const home = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(home, { recursive: true, force: true }));
  return { HOME: home, XDG_CONFIG_HOME: join(home, "config"), XDG_DATA_HOME: join(home, "data") };
}
