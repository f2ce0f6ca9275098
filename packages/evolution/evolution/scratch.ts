// A scratch copy of the workspace in a temporary folder: every file but the installed
// node_modules, which are linked (the root's folder as one link; each package's folder copied as
// the farm of links pnpm made, so that workspace packages resolve to the copy, not the original).
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { objectAt, stringAt } from "../src/spec.js";
import { workspacePackages } from "../src/workspace.js";

/** Never copied: history, build and test outputs, caches. */
const LEFT_OUT = new Set([".git", ".turbo", "dist", ".reports", "coverage"]);

export class Scratch {
  private constructor(
    readonly root: string,
    readonly dir: string,
  ) {}

  static copyOf(root: string): Scratch {
    const dir = mkdtempSync(join(tmpdir(), "stream-tokens-evolution-"));
    cpSync(root, dir, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (source) => source !== join(root, "node_modules") && !LEFT_OUT.has(basename(source)),
    });
    symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
    return new Scratch(root, dir);
  }

  path(file: string): string {
    return join(this.dir, file);
  }

  read(file: string): string {
    return readFileSync(this.path(file), "utf8");
  }

  write(file: string, text: string): void {
    mkdirSync(dirname(this.path(file)), { recursive: true });
    writeFileSync(this.path(file), text);
  }

  /**
   * A maintainer's edit: replaces `find` with `replacement` in a file, and fails, naming the file,
   * when `find` is not there (the code changed shape and the scripted follow-up must too).
   */
  edit(file: string, find: string | RegExp, replacement: string): void {
    const text = this.read(file);
    const edited = text.replace(find, replacement);
    if (edited === text) throw new Error(`follow-up edit of ${file}: ${String(find)} not found`);
    this.write(file, edited);
  }

  /** Puts back every file a step changed, and removes every file it added. */
  reset(): void {
    this.restore("");
  }

  private restore(folder: string): void {
    const here = join(this.dir, folder);
    const there = join(this.root, folder);
    for (const entry of readdirSync(here, { withFileTypes: true })) {
      if (entry.name === "node_modules" || LEFT_OUT.has(entry.name)) continue;
      const file = join(folder, entry.name);
      if (!existsSync(join(there, entry.name)))
        rmSync(join(here, entry.name), { recursive: true, force: true });
      else if (entry.isDirectory()) this.restore(file);
      else if (entry.isFile()) {
        const original = readFileSync(join(there, entry.name));
        if (!original.equals(readFileSync(join(here, entry.name))))
          writeFileSync(join(here, entry.name), original);
      }
    }
  }

  /** Runs every workspace package's `codegen` script, as `pnpm codegen` does; throws on a failure. */
  codegen(): void {
    for (const { dir, manifest } of workspacePackages(this.dir)) {
      const script = stringAt(objectAt(manifest, "scripts"), "codegen");
      if (script === undefined) continue;
      const packageDir = join(this.dir, dir);
      const bin = [join(packageDir, "node_modules/.bin"), join(this.dir, "node_modules/.bin")];
      const run = spawnSync("sh", ["-c", script], {
        cwd: packageDir,
        encoding: "utf8",
        env: { ...process.env, PATH: [...bin, process.env.PATH ?? ""].join(":") },
      });
      if (run.status !== 0) {
        throw new Error(`codegen of ${dir} failed:\n${run.stdout}${run.stderr}`);
      }
    }
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
