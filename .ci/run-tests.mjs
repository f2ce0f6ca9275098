// `pnpm test`: runs every package's tests through turbo, then prints one closing line that adds up
// the vitest reports of all packages: "Tests: N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const packageDirs = ["packages", "apps"].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, group, entry.name)),
);
const reportOf = (dir) => join(dir, ".reports/vitest.json");
for (const dir of packageDirs) rmSync(reportOf(dir), { force: true });

const turbo = spawnSync("turbo", ["run", "test", "--continue", ...process.argv.slice(2)], {
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
  cwd: root,
  stdio: "inherit",
});

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of packageDirs) {
  if (!existsSync(reportOf(dir))) continue;
  const report = JSON.parse(readFileSync(reportOf(dir), "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
const runFailed = turbo.status !== 0 && failed === 0 ? " (a test task failed before reporting)" : "";
console.log(
  `\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}${runFailed}`,
);
process.exit(turbo.status ?? 1);
