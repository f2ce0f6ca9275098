// `pnpm bench`: requests per second of the local server next to a bare node:http server answering a
// fixed JSON body, measured side by side in one run on this machine, and the ratios. Each server
// and each load generator runs in its own process. Not a test: it asserts nothing.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { healthzWhileWriteWaits } from "./lock-wait.mjs";

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);

function startProcess(script, args) {
  const child = spawn(process.execPath, [here(script), ...args], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  const firstLine = new Promise((resolve, reject) => {
    lines.once("line", (line) => resolve(JSON.parse(line)));
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  /** CPU time (µs) the process has used so far. */
  const cpu = () =>
    new Promise((resolve) => {
      lines.once("line", (line) => resolve(JSON.parse(line).cpuMicros));
      child.stdin.write("cpu\n");
    });
  return { child, firstLine, cpu };
}

async function load(options) {
  const { child, firstLine } = startProcess("load.mjs", [
    JSON.stringify({ connections, seconds, ...options }),
  ]);
  const result = await firstLine;
  await new Promise((resolve) => child.once("exit", resolve));
  return result;
}

function stop(child) {
  return new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
}

const dir = mkdtempSync(join(tmpdir(), "stream-tokens-bench-"));
const dbArgument = process.env.BENCH_DB === "memory" ? ":memory:" : join(dir, "bench.db");
const server = startProcess("server.mjs", [dbArgument]);
const info = await server.firstLine;
const bare = startProcess("bare-server.mjs", [info.tokenJson]);
const bareInfo = await bare.firstLine;
const auth = { authorization: `Token ${info.apiToken}` };

/** Runs one load and reports req/s and the CPU time the measured server spent per request. */
const measure = async (name, options, target) => {
  const cpuBefore = await target.cpu();
  const result = await load(options);
  const cpuAfter = await target.cpu();
  const total = Object.values(result.statuses).reduce((a, b) => a + b, 0);
  result.cpuPerRequest = (cpuAfter - cpuBefore) / total;
  const statuses = Object.entries(result.statuses)
    .map(([status, count]) => `${status}x${count}`)
    .join(" ");
  console.log(
    `${name.padEnd(50)} ${result.rps.toFixed(0).padStart(7)} req/s ${result.cpuPerRequest.toFixed(0).padStart(6)} µs CPU/req  (${statuses})`,
  );
  return result;
};

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
console.log(
  `stream-tokens server benchmark: ${connections} keep-alive connections, ${seconds} s per run, ${rounds} rounds`,
);
console.log(
  "Each round measures the bare server right before the local server, so both see the same machine load.\n",
);
/** Every route measured below, defined once for the warm-up and the measurements. */
const routes = {
  bare: { url: bareInfo.url, method: "GET", path: "/" },
  getOne: { url: info.url, method: "GET", path: `/v1/streams/tokens/${info.tokenId}/`, headers: auth },
  list20: { url: info.url, method: "GET", path: "/v1/streams/tokens/?limit=20&offset=0", headers: auth },
};
const create = (permanent) => ({
  url: info.url,
  method: "POST",
  path: "/v1/streams/tokens/",
  headers: { ...auth, "content-type": "application/json" },
  body: JSON.stringify({ permanent }),
});

// Untimed warm-up of both servers and every read route measured below, so round 1 is not a JIT round.
for (const options of Object.values(routes)) {
  await load({ ...options, seconds: 1 });
}
/** The reference: the bare node:http server answering its fixed JSON body. */
const measureBare = () => measure("  bare node:http, fixed JSON body", routes.bare, bare);
const getOneRatios = [];
const list20Ratios = [];
const getOneCpuRatios = [];
const list20CpuRatios = [];
for (let round = 1; round <= rounds; round++) {
  console.log(`round ${round}`);
  const bareBefore = await measureBare();
  const getOne = await measure("  server GET /v1/streams/tokens/{id}/", routes.getOne, server);
  const bareBetween = await measureBare();
  const list20 = await measure("  server GET /v1/streams/tokens/?limit=20", routes.list20, server);
  getOneRatios.push(getOne.rps / ((bareBefore.rps + bareBetween.rps) / 2));
  list20Ratios.push(list20.rps / bareBetween.rps);
  const bareCpu = (bareBefore.cpuPerRequest + bareBetween.cpuPerRequest) / 2;
  getOneCpuRatios.push(bareCpu / getOne.cpuPerRequest);
  list20CpuRatios.push(bareCpu / list20.cpuPerRequest);
}
console.log("durable writes (each an IMMEDIATE transaction, synchronous=FULL, on a database file)");
const creates = await measure("  server POST create (temporary)", create(false), server);
const permanentAttempts = await measure(
  "  server POST create (permanent, 5 x 201 then 409)",
  create(true),
  server,
);

if (dbArgument !== ":memory:") {
  const lock = await healthzWhileWriteWaits(info.url, dbArgument, auth.authorization);
  console.log(
    `  GET /healthz while a create waits for another connection's write lock: p50 ${lock.p50.toFixed(1)} ms, ` +
      `p99 ${lock.p99.toFixed(1)} ms, max ${lock.max.toFixed(1)} ms (goal p99 <= 50 ms); the create then answered ${lock.createStatus}`,
  );
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const show = (values) => values.map((v) => v.toFixed(2)).join(", ");
console.log("");
console.log(
  `ratio get-one / bare node:http: ${median(getOneRatios).toFixed(2)} median (rounds: ${show(getOneRatios)}; goal >= 0.50)`,
);
console.log(
  `ratio list-20 / bare node:http: ${median(list20Ratios).toFixed(2)} median (rounds: ${show(list20Ratios)})`,
);
console.log(
  `same, from CPU time per request (bare µs / server µs; steadier when other processes load the machine): ` +
    `get-one ${median(getOneCpuRatios).toFixed(2)}, list-20 ${median(list20CpuRatios).toFixed(2)}`,
);
console.log(
  `permanent-limit-safe creates: ${creates.rps.toFixed(0)}/s (temporary), ${permanentAttempts.rps.toFixed(0)}/s permanent attempts`,
);

await stop(server.child);
await stop(bare.child);
rmSync(dir, { recursive: true, force: true });
