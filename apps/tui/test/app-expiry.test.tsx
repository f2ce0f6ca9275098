import { expect, it } from "vitest";
import { rowOf, useAppServer } from "./support/app-harness.js";

// Temporary tokens that live 2 seconds: within the hour at once, expired soon after.
const setup = useAppServer({ temporaryTtlSeconds: 2 });

it("tokens expiring within the hour are counted and marked (a glyph without colour); x hides and shows the expired ones", async () => {
  const harness = await setup.open({ color: false });
  const token = await harness.api.create({});
  const permanent = await harness.api.create({ permanent: true });
  await harness.press("r");
  const soon = await harness.waitFor((frame) => frame.includes("1 expiring <1h"), "the soon count");
  expect(rowOf(soon, token.id)).toMatch(/! in \ds/);
  expect(rowOf(soon, permanent.id)).not.toContain("!");
  // The header and the rows tick each on its own second: wait for both.
  await harness.waitFor(
    (frame) =>
      frame.includes("1 expired") && !frame.includes("<1h") && /✗ expired/.test(rowOf(frame, token.id) ?? ""),
    "the expiry",
    6000,
  );
  await harness.press("x");
  const hidden = await harness.waitFor((frame) => frame.includes("1 expired (hidden)"), "hidden");
  expect(rowOf(hidden, token.id)).toBeUndefined();
  expect(hidden).toContain("1 of 2 tokens");
  expect(rowOf(hidden, permanent.id)).toBeDefined();
  await harness.press("x");
  await harness.waitFor((frame) => rowOf(frame, token.id) !== undefined, "shown again");
});
