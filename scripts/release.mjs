// `pnpm release [--dry-run]`: build, `pnpm check`, the tarball test, then publish the public packages
// whose version is not on npm yet (`changeset publish`, which tags them). `--dry-run` stops before
// publishing and prints what would be published. Versions and changelogs come first, from
// `pnpm version-packages`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publicPackages } from "./public-packages.mjs";

const dryRun = process.argv.includes("--dry-run");
const unknown = process.argv.slice(2).filter((arg) => arg !== "--dry-run");
if (unknown.length > 0) {
  console.error(`release: unknown argument ${unknown.join(" ")} (only --dry-run)`);
  process.exit(2);
}

const root = new URL("..", import.meta.url).pathname;
const pnpm = ["-y", "pnpm@10.34.8"];

function step(title, command, args) {
  console.log(`\nrelease: ${title}`);
  const run = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (run.status !== 0) {
    console.error(`release: ${title} failed (exit ${run.status ?? run.signal}); nothing was published`);
    process.exit(1);
  }
}

// Pending changesets mean the versions are not set yet.
const statusFile = join(mkdtempSync(join(tmpdir(), "stream-tokens-release-")), "status.json");
spawnSync("npx", [...pnpm, "exec", "changeset", "status", `--output=${statusFile}`], { cwd: root });
const pending = JSON.parse(readFileSync(statusFile, "utf8")).releases.filter(
  (release) => release.type !== "none",
);
if (pending.length > 0) {
  const bumps = pending.map((release) => `${release.name} (${release.type})`).join(", ");
  console.error(
    `release: changesets are pending for ${bumps}: run \`pnpm version-packages\`, commit, then release`,
  );
  process.exit(1);
}

step("build", "npx", [...pnpm, "build"]);
step("check", "npx", [...pnpm, "check"]);
step("tarball test", "npx", [...pnpm, "test:tarball"]);

const plan = publicPackages().map(({ manifest }) => `${manifest.name}@${manifest.version}`);
if (dryRun) {
  console.log(`\nrelease: dry run: would publish ${plan.join(", ")} (those not on npm yet), and tag them`);
  process.exit(0);
}
step(`publish ${plan.join(", ")}`, "npx", [...pnpm, "exec", "changeset", "publish"]);
