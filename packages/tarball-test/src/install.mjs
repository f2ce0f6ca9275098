import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const workspace = new URL("../../../", import.meta.url).pathname;

// Packing the public packages and installing them with plain npm, for the tarball test and the bench.
// Plain JavaScript (typed by install.d.mts), so that the bench runs it with node alone.

/** The three public packages: where they live in the workspace and their npm names. */
export const PUBLIC_PACKAGES = {
  library: { dir: "packages/sdk", name: "stream-tokens" },
  cli: { dir: "apps/tui", name: "stream-tokens-cli" },
  server: { dir: "apps/server", name: "stream-tokens-server" },
};

/**
 * The environment of a user's shell: without what pnpm passes to the scripts it runs (npm_config_*,
 * npm_package_*), but with npm_config_nodedir, where native addons find Node's headers.
 */
export function userEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        name === "npm_config_nodedir" || !/^(npm_config_|npm_package_|npm_lifecycle_|PNPM_)/i.test(name),
    ),
  );
}

/** Runs a command to its end; a failure carries what it printed. */
export async function sh(command, args, options = {}) {
  try {
    const { stdout } = await run(command, args, {
      cwd: options.cwd,
      env: options.env ?? userEnv(),
      timeout: options.timeoutMs ?? 600_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const detail = error instanceof Error ? `${error.message}` : String(error);
    throw new Error(`${command} ${args.join(" ")} failed: ${detail}`);
  }
}

/** `pnpm pack` of each public package (workspace: ranges become versions), into `dir`. */
export async function packAll(dir) {
  mkdirSync(dir, { recursive: true });
  const tarballs = {};
  for (const [key, { dir: packageDir, name }] of Object.entries(PUBLIC_PACKAGES)) {
    await sh("npx", ["-y", "pnpm@10.34.8", "pack", "--pack-destination", dir], {
      cwd: join(workspace, packageDir),
    });
    const file = readdirSync(dir).find((entry) => new RegExp(`^${name}-\\d.*\\.tgz$`).test(entry));
    if (file === undefined) throw new Error(`pnpm pack wrote no tarball of ${name}`);
    tarballs[key] = join(dir, file);
  }
  return tarballs;
}

const npmFlags = ["--no-audit", "--no-fund", "--loglevel=error"];

/** A fresh project (its own package.json, no workspace) with `specs` installed by plain npm. */
export async function installProject(dir, specs) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: "consumer", private: true }, null, 2)}\n`,
  );
  await sh("npm", ["install", ...npmFlags, ...specs], { cwd: dir });
}

/**
 * `specs` installed with `npm install -g` into a fresh prefix. `nativeFrom`: a project where
 * better-sqlite3 is already compiled for this Node; install scripts are then skipped and its build
 * copied, so that the native addon compiles once per run.
 */
export async function installGlobal(prefix, specs, nativeFrom) {
  mkdirSync(prefix, { recursive: true });
  const skipScripts = nativeFrom === undefined ? [] : ["--ignore-scripts"];
  await sh("npm", ["install", "-g", "--prefix", prefix, ...npmFlags, ...skipScripts, ...specs]);
  if (nativeFrom === undefined) return;
  const built = join(nativeFrom, "node_modules/better-sqlite3/build");
  const target = join(prefix, "lib/node_modules/stream-tokens-server/node_modules/better-sqlite3");
  if (!existsSync(built) || !existsSync(target)) throw new Error("better-sqlite3 is not where npm puts it");
  cpSync(built, join(target, "build"), { recursive: true });
}

/** The installed size of a folder in bytes (`du -sk`). */
export async function sizeOf(dir) {
  const out = await sh("du", ["-sk", dir]);
  return Number.parseInt(out, 10) * 1024;
}
