// The workspace's packages, found as pnpm finds them: the globs of pnpm-workspace.yaml.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { arrayAt, isObject, type JsonObject } from "./spec.js";

export interface WorkspacePackage {
  /** The folder, relative to the root. */
  readonly dir: string;
  readonly manifest: JsonObject;
}

export function workspacePackages(root: string): WorkspacePackage[] {
  const workspace: unknown = parse(readFileSync(join(root, "pnpm-workspace.yaml"), "utf8"));
  const found: WorkspacePackage[] = [];
  for (const pattern of arrayAt(workspace, "packages")) {
    if (typeof pattern !== "string") continue;
    const dirs = pattern.endsWith("/*")
      ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => join(pattern.slice(0, -2), entry.name))
      : [pattern];
    for (const dir of dirs) {
      const manifestPath = join(root, dir, "package.json");
      if (!existsSync(manifestPath)) continue;
      const manifest: unknown = JSON.parse(readFileSync(manifestPath, "utf8"));
      if (isObject(manifest)) found.push({ dir, manifest });
    }
  }
  return found.sort((a, b) => a.dir.localeCompare(b.dir));
}
