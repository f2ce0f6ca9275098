// Where the spec, the snapshot of the last released spec and the accepted breaks live, relative to
// the repository's root. The snapshot is committed so that a fresh clone without tags can compare.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseSpec, type Spec } from "./spec.js";

export const SPEC_FILE = "openapi/stream-tokens.yaml";
export const RELEASED_SPEC_FILE = "openapi/released/stream-tokens.yaml";
export const ACCEPTED_BREAKS_FILE = "openapi/released/accepted-breaks.txt";

export const RELEASED_SPEC_HEADER = `# The spec of the last release: a copy of ${SPEC_FILE} that \`pnpm spec:snapshot\`
# writes when a release's versions are set (\`pnpm version-packages\`). Do not edit it: \`pnpm check\`
# fails on a change of the spec that breaks clients of this one, unless a major changeset says so.
`;

export const ACCEPTED_BREAKS_HEADER = `# Breaks of the released spec accepted without a major version, because they break no real client
# (for example, the spec is corrected to what the platform always did). One line per break, as
# \`pnpm check\` prints it (\`rule: where\`), each directly below a "# why" line. \`pnpm spec:snapshot\`
# empties this list when it records a release.
`;

/** The repository root of this package's checkout (`packages/evolution/{src,dist}/` -> `../../..`). */
export function repositoryRoot(): string {
  return fileURLToPath(new URL("../../../", import.meta.url));
}

export function readSpecFile(root: string, file: string): Spec {
  return parseSpec(readFileSync(join(root, file), "utf8"), file);
}
