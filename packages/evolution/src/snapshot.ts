// Records the current spec as the released one and empties the accepted breaks: run when a
// release's versions are set, so that the next `pnpm check` compares against that release.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  ACCEPTED_BREAKS_FILE,
  ACCEPTED_BREAKS_HEADER,
  RELEASED_SPEC_FILE,
  RELEASED_SPEC_HEADER,
  SPEC_FILE,
} from "./released.js";
import { parseSpec } from "./spec.js";

export function writeSnapshot(root: string): void {
  const spec = readFileSync(join(root, SPEC_FILE), "utf8");
  parseSpec(spec, SPEC_FILE);
  writeAtomically(join(root, RELEASED_SPEC_FILE), RELEASED_SPEC_HEADER + spec);
  writeAtomically(join(root, ACCEPTED_BREAKS_FILE), ACCEPTED_BREAKS_HEADER);
}

function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
