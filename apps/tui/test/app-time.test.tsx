import { expect, it } from "vitest";
import { rowOf, useAppServer } from "./support/app-harness.js";

// Temporary tokens that live 3 seconds, so the test sees them tick and expire.
const setup = useAppServer({ temporaryTtlSeconds: 3 });

it("expiry ticks as a relative time and expired tokens are marked", async () => {
  const harness = await setup.open();
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
