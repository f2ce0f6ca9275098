import { fork } from "node:child_process";
import createClient from "openapi-fetch";
const host = fork(new URL("./server-host.mjs", import.meta.url), { stdio: ["ignore", "inherit", "inherit", "ipc"] });
const { url, apiTokens } = await new Promise((r) => host.on("message", (m) => m.url && r(m)));
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const sdk = await import("../dist/index.js");
const client = new sdk.Client({ apiToken: apiTokens.account, baseUrl: url });
const token = await client.streams.tokens.create();
const target = `${url}/v1/streams/tokens/${token.id}/`;
const headers = { Authorization: `Token ${apiTokens.account}`, Accept: "application/json", "User-Agent": "bench" };
let ac = new AbortController(), uses = 0;
const shared = () => { if (++uses > 9) { ac = new AbortController(); uses = 1; } return ac.signal; };
class PR { constructor(u, i) { this.url = u; this.method = i.method; this.headers = i.headers; this.signal = i.signal ?? null; } }
const of = createClient({ baseUrl: url, Request: PR, fetch: (r) => fetch(r.url, { method: r.method, headers, signal: r.signal }), pathSerializer: (p, v) => p.replace("{id_or_key}", encodeURIComponent(v.id_or_key)) });
const variants = {
  raw: async () => (await fetch(target, { headers })).json(),
  floor: async () => (await of.GET("/v1/streams/tokens/{id_or_key}/", { params: { path: { id_or_key: String(token.id) } }, signal: shared() })).data,
};
for (const d of (process.env.DISTS ?? "").split(",").filter(Boolean)) {
  const m = await import(`../dist-${d}/index.js`); const c = new m.Client({ apiToken: apiTokens.account, baseUrl: url });
  variants[d] = () => c.streams.tokens.get(token.id);
}
const names = Object.keys(variants);
for (let i = 0; i < 1500; i++) for (const n of names) await variants[n]();
const times = Object.fromEntries(names.map((n) => [n, []]));
const ratios = Object.fromEntries(names.map((n) => [n, []]));
for (let b = 0; b < 20; b++) {
  const block = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < 400; i++) for (const n of (i % 2 ? names : [...names].reverse())) { const s = performance.now(); await variants[n](); const t = performance.now() - s; times[n].push(t); block[n].push(t); }
  for (const n of names) ratios[n].push(median(block[n]) / median(block.raw));
}
for (const n of names) console.log(n.padEnd(10), (median(times[n]) * 1000).toFixed(1), "us", (median(times[n]) / median(times.raw)).toFixed(3), "blocks", median(ratios[n]).toFixed(3));
host.kill(); process.exit(0);
