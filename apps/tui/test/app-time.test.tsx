import { type RunningServer, startServer } from "@stream-tokens/server";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { type Harness, rowOf, startApp } from "./support/app-harness.js";

let server: RunningServer;
let app: Harness | undefined;
beforeAll(async () => {
  // Temporary tokens that live 3 seconds, so the test sees them tick and expire.
  server = await startServer({ db: ":memory:", temporaryTtlSeconds: 3 });
});
afterAll(async () => {
  await server.close();
});
afterEach(() => app?.unmount());

it("expiry ticks as a relative time and expired tokens are marked", async () => {
  app = await startApp(server);
  const harness = app;
  const token = await harness.api.create({});
  const permanent = await harness.api.create({ permanent: true });
  await harness.press("r");
  const first = await harness.waitFor(
    (frame) => /in [123]s/.test(rowOf(frame, token.id) ?? ""),
    "the countdown",
  );
  const before = rowOf(first, token.id);
  await harness.waitFor((frame) => rowOf(frame, token.id) !== before && !frame.includes("✗"), "a tick", 3000);
  await harness.waitFor(
    (frame) => /✗ expired \ds ago/.test(rowOf(frame, token.id) ?? ""),
    "the expiry",
    6000,
  );
  expect(rowOf(harness.frame(), permanent.id)).toMatch(/permanent\s+yes\s+.*never/);
});
