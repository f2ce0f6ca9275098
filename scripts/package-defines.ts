import { readFileSync } from "node:fs";

/**
 * `__PACKAGE_NAME__` and `__PACKAGE_VERSION__` from the package.json of `packageDir`, for a build's
 * (tsup) or a test run's (vitest) `define`: every version a program reports (the User-Agent, the
 * CLI's --version) comes from its package.json at build time, never from a copy kept by hand.
 */
export function packageDefines(packageDir: URL): Record<string, string> {
  const manifest: unknown = JSON.parse(readFileSync(new URL("package.json", packageDir), "utf8"));
  const field = (name: string): string => {
    const value = typeof manifest === "object" && manifest !== null ? Reflect.get(manifest, name) : undefined;
    if (typeof value !== "string") throw new Error(`${packageDir.pathname}package.json has no ${name}`);
    return value;
  };
  return {
    __PACKAGE_NAME__: JSON.stringify(field("name")),
    __PACKAGE_VERSION__: JSON.stringify(field("version")),
  };
}
