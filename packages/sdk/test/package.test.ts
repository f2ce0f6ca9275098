import { spawnSync } from "node:child_process";
import { expect, test } from "vitest";

const packageDir = new URL("..", import.meta.url).pathname;

function run(binary: string, args: string[]) {
  const result = spawnSync(`${packageDir}node_modules/.bin/${binary}`, args, {
    cwd: packageDir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test("publint finds nothing to report in the package", () => {
  const result = run("publint", ["--strict"]);
  expect(result.output).toContain("All good!");
  expect(result.status).toBe(0);
}, 60_000);

test("attw --pack resolves the types for node10, node16 (ESM and CJS) and bundlers", () => {
  const result = run("attw", ["--pack", ".", "--format", "table-flipped"]);
  expect(result.output).toContain("No problems found");
  expect(result.status).toBe(0);
}, 120_000);
