// The breaking-change gate of `pnpm check`: compares the spec with the last released one and fails
// on a change that breaks clients, unless a major changeset or the accepted-breaks file covers it.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { acceptedBreaks, majorChangesets, publicPackages, unreadableChangesets } from "./acknowledgement.js";
import { breakKey, describeBreak } from "./breaks.js";
import { findBreaks } from "./find-breaks.js";
import { ACCEPTED_BREAKS_FILE, RELEASED_SPEC_FILE, readSpecFile, SPEC_FILE } from "./released.js";

export interface GateResult {
  readonly passed: boolean;
  /** What to print: on stdout when it passed, on stderr when it failed. */
  readonly lines: readonly string[];
}

export function runGate(root: string): GateResult {
  const unreadable = unreadableChangesets(root);
  if (unreadable.length > 0) {
    return {
      passed: false,
      lines: [
        "changesets: `changeset version` cannot read these, so no release can be made:",
        ...unreadable.map((problem) => `  ${problem}`),
        'Each begins with a line "---", a line such as "stream-tokens": minor for each package, and a line "---" (`pnpm changeset` writes them).',
      ],
    };
  }
  if (!existsSync(join(root, RELEASED_SPEC_FILE))) {
    return {
      passed: false,
      lines: [
        `spec: no released spec at ${RELEASED_SPEC_FILE}; \`pnpm spec:snapshot\` writes it from ${SPEC_FILE}.`,
      ],
    };
  }
  const breaks = findBreaks(readSpecFile(root, RELEASED_SPEC_FILE), readSpecFile(root, SPEC_FILE));
  const accepted = acceptedBreaks(root);
  const acceptedKeys = new Set(accepted.map((entry) => entry.key));
  const lines: string[] = [];
  for (const entry of accepted) {
    if (!breaks.some((found) => breakKey(found) === entry.key)) {
      lines.push(`spec: ${ACCEPTED_BREAKS_FILE}:${entry.line} matches no break any more; delete it.`);
    }
  }
  const open = breaks.filter((found) => !acceptedKeys.has(breakKey(found)));
  if (open.length === 0) {
    const covered = breaks.length > 0 ? ` (${breaks.length} accepted in ${ACCEPTED_BREAKS_FILE})` : "";
    return {
      passed: true,
      lines: [...lines, `spec: no change breaks clients of the released spec${covered}.`],
    };
  }
  const listed = open.map((found) => `  ${describeBreak(found)}`);
  const majors = majorChangesets(root, publicPackages(root));
  if (majors.length > 0) {
    const by = majors.map((major) => `${major.file} (${major.packageName}: major)`).join(", ");
    return {
      passed: true,
      lines: [
        ...lines,
        `spec: ${open.length} change(s) break clients of the released spec, acknowledged by ${by}:`,
        ...listed,
      ],
    };
  }
  return {
    passed: false,
    lines: [
      ...lines,
      `spec: ${open.length} change(s) of ${SPEC_FILE} break clients of the released spec (${RELEASED_SPEC_FILE}):`,
      ...listed,
      "Acknowledge them with a changeset in .changeset/ that bumps a public package by major (`pnpm changeset`),",
      `or, if no real client breaks, copy the lines (up to the parenthesis) into ${ACCEPTED_BREAKS_FILE},`,
      'each directly below a "# why" line.',
      "(Just set a release's versions? `pnpm version-packages` consumed the changesets: `pnpm spec:snapshot` records the release.)",
    ],
  };
}
