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

/** A pending changeset's bumps by package, or what is wrong with it. */
type ReadChangeset = { file: string; bumps: Record<string, unknown> } | { file: string; problem: string };

const BUMPS = new Set(["major", "minor", "patch"]);

/** The pending changesets (`.changeset/*.md`), each read as `changeset version` reads it. */
function readChangesets(root: string): ReadChangeset[] {
  const dir = join(root, ".changeset");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .filter((entry) => entry.endsWith(".md") && entry !== "README.md")
    .map((entry) => {
      const file = `.changeset/${entry}`;
      const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(
        readFileSync(join(root, file), "utf8"),
      )?.[1];
      let bumps: unknown;
      try {
        bumps = frontMatter === undefined ? undefined : parse(frontMatter);
      } catch {
        bumps = undefined;
      }
      if (!isObject(bumps) || Object.keys(bumps).length === 0) {
        return { file, problem: 'its front matter (between "---" lines) lists no package and bump' };
      }
      const bad = Object.entries(bumps).find(([, bump]) => typeof bump !== "string" || !BUMPS.has(bump));
      if (bad) return { file, problem: `${bad[0]}: the bump must be major, minor or patch` };
      return { file, bumps };
    });
}

/**
 * The pending changesets that `changeset version` could not read, each named with what is wrong: a
 * release would stop at them.
 */
export function unreadableChangesets(root: string): string[] {
  return readChangesets(root).flatMap((read) => ("problem" in read ? [`${read.file}: ${read.problem}`] : []));
}

/** The pending changesets that bump one of `packages` by major. */
export function majorChangesets(root: string, packages: ReadonlySet<string>): MajorChangeset[] {
  return readChangesets(root).flatMap((read) =>
    "bumps" in read
      ? Object.entries(read.bumps)
          .filter(([packageName, bump]) => bump === "major" && packages.has(packageName))
          .map(([packageName]) => ({ file: read.file, packageName }))
      : [],
  );
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
