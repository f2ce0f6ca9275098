// The installed packages, measured: `stream-tokens --help` from the installed CLI next to a bare
// `node -e ""` (interleaved rounds in one run, median of each; goal at most 1.5x), and the install
// size of each public package installed alone with plain npm (its dependencies included).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installGlobal, installProject, packAll, sizeOf } from "../src/install.mjs";

const rounds = Number(process.env.BENCH_ROUNDS ?? 30);
const work = mkdtempSync(join(tmpdir(), "stream-tokens-install-bench-"));
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function timeMs(args) {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, args, { stdio: "ignore" });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

try {
  const tarballs = await packAll(join(work, "tarballs"));
  const cliPrefix = join(work, "cli");
  await installGlobal(cliPrefix, [tarballs.cli]);
  await installProject(join(work, "library"), [tarballs.library]);
  await installProject(join(work, "server"), [tarballs.server]);

  const cli = join(cliPrefix, "bin/stream-tokens");
  const help = [];
  const bare = [];
  timeMs([cli, "--help"]);
  for (let round = 0; round < rounds; round++) {
    bare.push(timeMs(["-e", ""]));
    help.push(timeMs([cli, "--help"]));
  }
  const ratio = median(help) / median(bare);
  console.log(
    `stream-tokens installed-package bench (node ${process.version}, ${rounds} interleaved rounds)`,
  );
  console.log(
    `  stream-tokens --help ${median(help).toFixed(0)} ms vs node -e "" ${median(bare).toFixed(0)} ms: ${ratio.toFixed(2)}x (goal <= 1.5x)`,
  );
  console.log(
    `  install size stream-tokens-cli     ${mb(await sizeOf(join(cliPrefix, "lib/node_modules")))}`,
  );
  console.log(`  install size stream-tokens         ${mb(await sizeOf(join(work, "library/node_modules")))}`);
  console.log(`  install size stream-tokens-server  ${mb(await sizeOf(join(work, "server/node_modules")))}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
