// The build's last step: load dist/ the way consumers do, with `import` and with `require`, and
// check that both expose a working Client, error classes and the rotator.
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const esm = { ...(await import("../dist/index.js")), ...(await import("../dist/rotator.js")) };
const cjs = { ...require("../dist/index.cjs"), ...require("../dist/rotator.cjs") };

for (const [format, sdk] of [
  ["import", esm],
  ["require", cjs],
]) {
  assert.equal(typeof sdk.Client, "function", `${format}: Client`);
  const client = new sdk.Client({ apiToken: "verify-dist-token", baseUrl: "http://127.0.0.1:9" });
  assert.equal(typeof client.streams.tokens.listAll, "function", `${format}: streams.tokens`);
  let caught;
  try {
    await client.streams.tokens.get(0);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof sdk.ValidationError, `${format}: ValidationError`);
  assert.ok(caught instanceof sdk.StreamTokensError, `${format}: StreamTokensError`);
  // The rotator's entry checks its options with errors that the client's entry recognises.
  assert.throws(() => new sdk.TokenRotator({}), sdk.ValidationError, `${format}: TokenRotator`);
}
console.log("dist/ loads with import and require");
