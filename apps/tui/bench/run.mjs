// `pnpm bench`: the built app (dist/cli.js) in a real pseudo-terminal against the local server,
// 10 tokens and 10,000 tokens side by side: start to first frame and to the first full frame,
// key press to next frame, a key pasted into the filter, and the app's peak memory (VmHWM); then the
// floor: Node's start and a minimal Ink app's first frame in the same pty.
// Not a test: it prints numbers.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawn } from "node-pty";
import { startServer } from "stream-tokens-server";
import { build } from "tsup";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const KEY_PRESSES = 60;

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p95 = (values) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.95))];

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

async function measure(server, count) {
  const apiToken = server.createAccount().account;
  if (count > 0) server.insertTemporaryTokens(apiToken, count);
  let raw = "";
  let waiter;
  const started = performance.now();
  const pty = spawn(process.execPath, [CLI], {
    name: "xterm-256color",
    cols: 80,
    rows: 24,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NEUROIO_API_TOKEN: apiToken,
      NEUROIO_API_URL: server.url,
    },
  });
  pty.onData((data) => {
    raw += data;
    waiter?.();
  });
  const until = async (predicate, what, timeoutMs = 60_000) => {
    const deadline = performance.now() + timeoutMs;
    while (!predicate()) {
      if (performance.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
      await new Promise((resolve) => {
        waiter = resolve;
        setTimeout(resolve, 50);
      });
    }
    return performance.now();
  };
  const firstFrame = (await until(() => raw.includes("stream-tokens ·"), "the first frame")) - started;
  const firstRows = (await until(() => raw.includes("› "), "the first rows")) - started;
  const fullFrame =
    (await until(() => raw.includes(`· ${count} tokens · refreshed`), "the full frame")) - started;
  await pause(300);
  /** Key press to the next frame, for each key of `keyFor(index)`. */
  const timeKeys = async (keyFor) => {
    const times = [];
    for (let index = 0; index < KEY_PRESSES; index++) {
      const before = raw.length;
      const pressed = performance.now();
      pty.write(keyFor(index));
      times.push((await until(() => raw.length > before, "the next frame", 5000)) - pressed);
      await pause(20);
    }
    return times;
  };
  // Down five rows, up five: every press changes the frame, with 10 tokens as with 10,000.
  const keyToFrame = await timeKeys((index) => (index % 10 < 5 ? "j" : "k"));
  // s: the next sort column (a sort of every token); m: mark the selected one and move down.
  const sortToFrame = await timeKeys(() => "s");
  const markToFrame = await timeKeys(() => "m");
  pty.write("u");
  await pause(200);
  // A whole key pasted into the / filter in one write: 44 keys, each acting after the render of the last.
  const pastedAt = performance.now();
  pty.write(`/st_${"x".repeat(40)}`);
  const paste = (await until(() => raw.includes("no token matches"), "the pasted filter", 10_000)) - pastedAt;
  const peak = peakRssMb(pty.pid);
  pty.write("\x1b");
  await pause(100);
  pty.write("q");
  await new Promise((resolve) => pty.onExit(resolve));
  return {
    count,
    firstFrame,
    firstRows,
    fullFrame,
    keyMedian: median(keyToFrame),
    keyP95: p95(keyToFrame),
    sortMedian: median(sortToFrame),
    sortP95: p95(sortToFrame),
    markMedian: median(markToFrame),
    markP95: p95(markToFrame),
    paste,
    peak,
  };
}

/** Start to the first output containing `marker`, of `node args` in the same kind of pty as the app. */
async function startToOutput(args, marker) {
  const started = performance.now();
  const pty = spawn(process.execPath, args, {
    name: "xterm-256color",
    cols: 80,
    rows: 24,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  let raw = "";
  const seen = new Promise((resolve) => {
    pty.onData((data) => {
      raw += data;
      if (raw.includes(marker)) resolve(performance.now() - started);
    });
  });
  const time = await seen;
  await new Promise((resolve) => pty.onExit(resolve));
  return time;
}

/**
 * What any app pays before its first frame on this machine: Node's start (a script that prints a
 * line) and a minimal Ink app bundled as the CLI is (production React, one file), best of five.
 */
async function measureFloor() {
  const dir = mkdtempSync(join(tmpdir(), "stream-tokens-floor-"));
  try {
    await build({
      entry: { floor: fileURLToPath(new URL("./floor-app.mjs", import.meta.url)) },
      outDir: dir,
      format: ["esm"],
      platform: "node",
      target: "node20",
      config: false,
      silent: true,
      noExternal: [/^(?!react-devtools-core$)/],
      external: ["react-devtools-core"],
      env: { NODE_ENV: "production" },
      banner: {
        js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
      },
    });
    const best = async (args, marker) => {
      const times = [];
      for (let run = 0; run < 5; run++) times.push(await startToOutput(args, marker));
      return Math.min(...times);
    };
    return {
      node: await best(["-e", 'process.stdout.write("node · ready\\n")'], "node · ready"),
      ink: await best([join(dir, "floor.js")], "floor · first frame"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const server = await startServer({ host: "127.0.0.1", port: 0, db: ":memory:" });
try {
  const small = await measure(server, 10);
  const large = await measure(server, 10_000);
  const row = (name, unit, pick) =>
    `${name.padEnd(34)} ${pick(small).toFixed(1).padStart(9)} ${pick(large).toFixed(1).padStart(11)} ${unit.padEnd(3)} ${(pick(large) / pick(small)).toFixed(2).padStart(6)}x`;
  console.log(`stream-tokens TUI bench (node ${process.version}, 80x24 pty, local server in this process)`);
  console.log(`${"".padEnd(34)} ${"10 tokens".padStart(9)} ${"10,000 tokens".padStart(11)}     ratio`);
  console.log(row("start -> first frame", "ms", (r) => r.firstFrame));
  console.log(row("start -> first rows of tokens", "ms", (r) => r.firstRows));
  console.log(row("start -> first full frame (loaded)", "ms", (r) => r.fullFrame));
  console.log(row(`key -> next frame, median of ${KEY_PRESSES}`, "ms", (r) => r.keyMedian));
  console.log(row(`key -> next frame, p95 of ${KEY_PRESSES}`, "ms", (r) => r.keyP95));
  console.log(row(`s (sort) -> next frame, median`, "ms", (r) => r.sortMedian));
  console.log(row(`s (sort) -> next frame, p95`, "ms", (r) => r.sortP95));
  console.log(row(`m (mark) -> next frame, median`, "ms", (r) => r.markMedian));
  console.log(row(`m (mark) -> next frame, p95`, "ms", (r) => r.markP95));
  console.log(row("44-key paste into / -> its frame", "ms", (r) => r.paste));
  console.log(row("peak memory of the app (VmHWM)", "MB", (r) => r.peak));
  const floor = await measureFloor();
  console.log("floor in the same pty, best of 5 (what no change to this app can go under):");
  console.log(`${"node start -> its first output".padEnd(34)} ${floor.node.toFixed(1).padStart(9)} ms`);
  console.log(`${"minimal Ink app -> first frame".padEnd(34)} ${floor.ink.toFixed(1).padStart(9)} ms`);
  console.log(
    `${"first full frame, 10,000 tokens".padEnd(34)} ${large.fullFrame.toFixed(1).padStart(9)} ms ${(large.fullFrame / floor.ink).toFixed(2).padStart(6)}x the Ink floor`,
  );
} finally {
  await server.close();
}
