import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The file that `binName` of the package `packageName` runs, found as npm finds it: through the
 * package's `package.json` `bin` field. The package resolves from the one whose tests run (the working
 * directory), which depends on it or is it: testkit depends on no app, so no app depends on itself.
 */
export function binPath(packageName: string, binName: string): string {
  const require = createRequire(join(process.cwd(), "package.json"));
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const manifest: unknown = JSON.parse(readFileSync(manifestPath, "utf8"));
  const bins = typeof manifest === "object" && manifest !== null ? Reflect.get(manifest, "bin") : undefined;
  const file = typeof bins === "object" && bins !== null ? Reflect.get(bins, binName) : undefined;
  if (typeof file !== "string") throw new Error(`${packageName} has no bin named ${binName}`);
  return join(dirname(manifestPath), file);
}
