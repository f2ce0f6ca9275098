// `pnpm bench` for the SDK. Everything is measured side by side in one run and printed as ratios:
// 1. per-call latency of `get` through the SDK next to a raw `fetch` of the same URL (same
//    process, same global keep-alive agent, interleaved rounds);
// 2. `listAll` over 100,000 tokens: tokens per second and peak heap, next to `toArray()`;
// 3. the minified and gzipped size of the ESM bundle together with openapi-fetch;
// 4. the time to import the package next to a bare `node -e ""`.
import { execFileSync, fork } from "node:child_process";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";

const packageDir = new URL("..", import.meta.url).pathname;
const sdk = await import("../dist/index.js");

function once(child, key) {
  return new Promise((resolve) => {
    const onMessage = (message) => {
      if (message && key in message) {
        child.off("message", onMessage);
        resolve(message);
      }
    };
    child.on("message", onMessage);
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.floor(values.length * p)];
const ms = (value) => `${value.toFixed(3)} ms`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const line = (label, value) => console.log(`  ${label.padEnd(44)} ${value}`);

const host = fork(new URL("./server-host.mjs", import.meta.url), {
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const { url, apiTokens } = await once(host, "url");

try {
  await getLatency();
  await listAllThroughput();
} finally {
  host.send({ close: true });
}
bundleSize();
importTime();

async function getLatency() {
  const client = new sdk.Client({ apiToken: apiTokens.account, baseUrl: url });
  const token = await client.streams.tokens.create();
  const target = `${url}/v1/streams/tokens/${token.id}/`;
  const headers = {
    Authorization: `Token ${apiTokens.account}`,
    Accept: "application/json",
    "User-Agent": "bench",
  };
  const raw = async () => {
    const response = await fetch(target, { headers });
    if (!response.ok) throw new Error(`raw fetch: ${response.status}`);
    return response.json();
  };
  const viaSdk = () => client.streams.tokens.get(token.id);

  for (let index = 0; index < 2000; index++) {
    await raw();
    await viaSdk();
  }
  // One call of each in turn, alternating which goes first: load from other processes on the
  // machine hits both alike.
  const rawTimes = [];
  const sdkTimes = [];
  for (let index = 0; index < 10_000; index++) {
    const [first, firstTimes, second, secondTimes] =
      index % 2 === 0 ? [raw, rawTimes, viaSdk, sdkTimes] : [viaSdk, sdkTimes, raw, rawTimes];
    let started = performance.now();
    await first();
    firstTimes.push(performance.now() - started);
    started = performance.now();
    await second();
    secondTimes.push(performance.now() - started);
  }
  console.log(`\nget latency (${rawTimes.length} calls each, alternating, same keep-alive agent)`);
  line("raw fetch median / p95", `${ms(median(rawTimes))} / ${ms(percentile(rawTimes, 0.95))}`);
  line("SDK get median / p95", `${ms(median(sdkTimes))} / ${ms(percentile(sdkTimes, 0.95))}`);
  line(
    "ratio SDK / raw fetch (median, goal <= 1.10)",
    `${(median(sdkTimes) / median(rawTimes)).toFixed(3)}x`,
  );
}

async function listAllThroughput() {
  const total = 100_000;
  const { account } = await (host.send({ account: true }), once(host, "account"));
  host.send({ insert: { apiToken: account.account, count: total } });
  await once(host, "inserted");
  const client = new sdk.Client({ apiToken: account.account, baseUrl: url });

  const measure = async (consume) => {
    global.gc?.();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const sample = () => {
      const used = process.memoryUsage().heapUsed;
      if (used > peak) peak = used;
    };
    const started = performance.now();
    const count = await consume(sample);
    const seconds = (performance.now() - started) / 1000;
    return { count, seconds, growth: peak - baseline };
  };

  const streamed = await measure(async (sample) => {
    let count = 0;
    for await (const _token of client.streams.tokens.listAll()) {
      if (++count % 100 === 0) sample();
    }
    return count;
  });
  const collected = await measure(async (sample) => {
    const all = await client.streams.tokens.listAll().toArray({ max: total });
    sample();
    return all.length;
  });
  console.log(`\nlistAll over ${total.toLocaleString("en")} tokens (pages of 100)`);
  line("for await: tokens", streamed.count.toLocaleString("en"));
  line("for await: tokens per second", Math.round(streamed.count / streamed.seconds).toLocaleString("en"));
  line("for await: peak heap growth", mb(streamed.growth));
  line("toArray(): peak heap growth", mb(collected.growth));
  line("ratio for-await / toArray heap growth", `${(streamed.growth / collected.growth).toFixed(3)}x`);
  if (!global.gc) line("note", "run with --expose-gc for steadier heap numbers");
}

function bundleSize() {
  const esbuild = createRequire(import.meta.resolve("tsup"))("esbuild");
  const sizeOf = (entry, external) => {
    const result = esbuild.buildSync({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "neutral",
      write: false,
      external,
      logLevel: "silent",
    });
    const code = result.outputFiles[0].contents;
    return { min: code.length, gzip: gzipSync(code).length };
  };
  const withDependency = sizeOf(`${packageDir}dist/index.js`, []);
  const alone = sizeOf(`${packageDir}dist/index.js`, ["openapi-fetch"]);
  const openapiFetch = withDependency.gzip - alone.gzip;
  console.log("\nESM bundle size (minified, gzipped)");
  line(
    "stream-tokens + openapi-fetch",
    `${(withDependency.min / 1024).toFixed(1)} kB min, ${(withDependency.gzip / 1024).toFixed(1)} kB gzip`,
  );
  line(
    "stream-tokens alone",
    `${(alone.min / 1024).toFixed(1)} kB min, ${(alone.gzip / 1024).toFixed(1)} kB gzip`,
  );
  line(
    "ratio total / stream-tokens alone (gzip)",
    `${(withDependency.gzip / alone.gzip).toFixed(2)}x (openapi-fetch ~${(openapiFetch / 1024).toFixed(1)} kB)`,
  );
}

function importTime() {
  const runs = 15;
  const time = (args) => {
    const samples = [];
    for (let index = 0; index < runs; index++) {
      const started = performance.now();
      execFileSync(process.execPath, args, { cwd: packageDir, stdio: "ignore" });
      samples.push(performance.now() - started);
    }
    return median(samples);
  };
  const bare = time(["-e", ""]);
  const esm = time(["--input-type=module", "-e", 'import "stream-tokens";']);
  const cjs = time(["-e", 'require("stream-tokens")']);
  console.log(`\nimport time (median of ${runs} fresh processes)`);
  line('bare node -e ""', ms(bare));
  line('import "stream-tokens" (ESM)', `${ms(esm)}  ratio ${(esm / bare).toFixed(2)}x, +${ms(esm - bare)}`);
  line('require("stream-tokens") (CJS)', `${ms(cjs)}  ratio ${(cjs / bare).toFixed(2)}x, +${ms(cjs - bare)}`);
}
