// What acknowledges a break: a pending changeset that bumps a public package by major, or a line of
// the accepted-breaks file with the reason above it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ACCEPTED_BREAKS_FILE } from "./released.js";
import { isObject, stringAt } from "./spec.js";
import { workspacePackages } from "./workspace.js";

export interface MajorChangeset {
  readonly file: string;
  readonly packageName: string;
}

export interface AcceptedBreak {
  readonly key: string;
  readonly line: number;
}

/** The public workspace packages: every one ships the wire's objects (types, answers or --json). */
export function publicPackages(root: string): Set<string> {
  const names = new Set<string>();
  for (const { manifest } of workspacePackages(root)) {
    const name = stringAt(manifest, "name");
    if (name !== undefined && manifest.private !== true) names.add(name);
  }
  return names;
}

/** The pending changesets (`.changeset/*.md`) that bump one of `packages` by major. */
export function majorChangesets(root: string, packages: ReadonlySet<string>): MajorChangeset[] {
  const dir = join(root, ".changeset");
  if (!existsSync(dir)) return [];
  const found: MajorChangeset[] = [];
  for (const entry of readdirSync(dir).sort()) {
    if (!entry.endsWith(".md") || entry === "README.md") continue;
    const file = `.changeset/${entry}`;
    const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(root, file), "utf8"))?.[1];
    if (frontMatter === undefined) continue;
    const bumps: unknown = parse(frontMatter);
    if (!isObject(bumps)) continue;
    for (const [packageName, bump] of Object.entries(bumps)) {
      if (bump === "major" && packages.has(packageName)) found.push({ file, packageName });
    }
  }
  return found;
}

/** The accepted-breaks file's entries; an entry without a "# why" line directly above is an error. */
export function acceptedBreaks(root: string): AcceptedBreak[] {
  const path = join(root, ACCEPTED_BREAKS_FILE);
  if (!existsSync(path)) return [];
  const accepted: AcceptedBreak[] = [];
  let reasoned = false;
  let inHeader = true;
  readFileSync(path, "utf8")
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const text = raw.trim();
      if (text === "") {
        reasoned = false;
        inHeader = false;
      } else if (text.startsWith("#")) {
        reasoned = !inHeader;
      } else if (!reasoned) {
        throw new Error(
          `${ACCEPTED_BREAKS_FILE}:${index + 1}: "${text}" needs a "# why" line directly above it`,
        );
      } else {
        inHeader = false;
        accepted.push({ key: text, line: index + 1 });
      }
    });
  return accepted;
}
