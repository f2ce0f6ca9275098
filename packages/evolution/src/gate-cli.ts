// `pnpm spec:breaking` (part of `pnpm check`): exits 1, listing the breaks, when the gate fails.
import { runGate } from "./gate.js";
import { repositoryRoot } from "./released.js";

try {
  const result = runGate(repositoryRoot());
  const write = result.passed ? console.log : console.error;
  for (const line of result.lines) write(line);
  process.exitCode = result.passed ? 0 : 1;
} catch (error) {
  console.error(`spec: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
