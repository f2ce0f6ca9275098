// A keep-alive HTTP load generator, run as its own process so it does not share an event loop
// with the server it measures. Prints one JSON line: {"requests", "seconds", "rps", "statuses"}.
// Usage: node load.mjs '{"url": "...", "method": "GET", "path": "/", "headers": {}, "body": null,
//                       "connections": 32, "seconds": 5}'
import { Agent, request } from "node:http";

const config = JSON.parse(process.argv[2] ?? "{}");
const target = new URL(config.url);
const connections = config.connections ?? 32;
const agent = new Agent({ keepAlive: true, maxSockets: connections });
const body = config.body == null ? undefined : Buffer.from(config.body);
const headers = { ...config.headers, ...(body ? { "content-length": String(body.length) } : {}) };
const statuses = {};
let completed = 0;
let running = true;

function once() {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        hostname: target.hostname,
        port: target.port,
        method: config.method,
        path: config.path,
        headers,
      },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => {
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          resolve();
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function worker(counting) {
  while (running) {
    await once();
    if (counting()) completed++;
  }
}

const warmupMs = (config.warmupSeconds ?? 1) * 1000;
const measureMs = (config.seconds ?? 5) * 1000;
const begin = performance.now();
let measuredFrom = 0;
const counting = () => {
  const now = performance.now();
  if (now - begin < warmupMs) return false;
  if (measuredFrom === 0) measuredFrom = now;
  return true;
};
setTimeout(() => {
  running = false;
}, warmupMs + measureMs);
await Promise.all(Array.from({ length: connections }, () => worker(counting)));
const seconds = (performance.now() - measuredFrom) / 1000;
agent.destroy();
process.stdout.write(
  `${JSON.stringify({ requests: completed, seconds, rps: completed / seconds, statuses })}\n`,
);
