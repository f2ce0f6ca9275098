import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDateTime } from "../src/time.js";

describe("formatDateTime", () => {
  it("writes microseconds and +00:00 like the platform", () => {
    expect(formatDateTime(Date.UTC(2021, 4, 28, 10, 37, 51, 433) * 1000 + 760)).toBe(
      "2021-05-28T10:37:51.433760+00:00",
    );
    expect(formatDateTime(0)).toBe("1970-01-01T00:00:00.000000+00:00");
    expect(formatDateTime(Date.UTC(2024, 1, 29, 23, 59, 59, 999) * 1000 + 999)).toBe(
      "2024-02-29T23:59:59.999999+00:00",
    );
  });

  it("agrees with Date#toISOString on every instant from 1970 to 2255 (microseconds stay exact integers)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_007_199_254_739 }),
        fc.integer({ min: 0, max: 999 }),
        (millis, micros) => {
          const iso = new Date(millis).toISOString();
          const expected = `${iso.slice(0, 23)}${String(micros).padStart(3, "0")}+00:00`;
          expect(formatDateTime(millis * 1000 + micros)).toBe(expected);
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
