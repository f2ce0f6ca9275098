// While a create waits for a write lock held by another connection to the same file (as a second
// server process would hold it), how fast does the server answer GET /healthz? Prints one line.
import Database from "better-sqlite3";

const SAMPLES = 200;

/** Latency percentiles (ms) of GET /healthz, measured one after another while the lock is held. */
export async function healthzWhileWriteWaits(url, dbFile, authorization) {
  const holder = new Database(dbFile);
  holder.exec("BEGIN IMMEDIATE");
  const waitingCreate = fetch(`${url}/v1/streams/tokens/`, {
    method: "POST",
    headers: { authorization, "content-type": "application/json" },
    body: '{"permanent":false}',
  });
  const latencies = [];
  try {
    for (let i = 0; i < SAMPLES; i++) {
      const start = performance.now();
      const response = await fetch(`${url}/healthz`);
      await response.arrayBuffer();
      latencies.push(performance.now() - start);
    }
  } finally {
    holder.exec("ROLLBACK");
    holder.close();
  }
  const created = await waitingCreate;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { p50: at(0.5), p99: at(0.99), max: latencies.at(-1), createStatus: created.status };
}
