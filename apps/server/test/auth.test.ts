import { describe, expect, it, onTestFinished } from "vitest";
import { Authenticator } from "../src/auth.js";
import { openDatabase } from "../src/database.js";
import { ApiError } from "../src/errors.js";
import { Store } from "../src/store.js";

/** An authenticator that brakes an address after one failure a minute, on a clock the test moves. */
function brakeAfterOneFailure() {
  const clock = { now: 0 };
  const db = openDatabase(":memory:");
  onTestFinished(() => {
    db.close();
  });
  const auth = new Authenticator(new Store(db, { temporaryTtlSeconds: 60 }), 1, () => clock.now);
  /** The status a failed authentication from `address` answers. */
  const statusOf = (address: string): number => {
    try {
      auth.authenticate({ authorization: "Token at_wrong" }, address);
    } catch (error) {
      if (error instanceof ApiError) return error.status;
      throw error;
    }
    throw new Error("a wrong api token was accepted");
  };
  return { clock, statusOf };
}

describe("the brake on failed authentications", () => {
  it("tracks at most 10,000 addresses: a flood of new ones evicts the oldest, not the newest", () => {
    const { clock, statusOf } = brakeAfterOneFailure();
    expect(statusOf("first")).toBe(401);
    expect(statusOf("first")).toBe(429);
    for (let index = 0; index < 20_000; index++) {
      clock.now += 1;
      statusOf(`flood-${index}`);
    }
    expect(statusOf("flood-19999"), "the newest address is still braked").toBe(429);
    expect(statusOf("first"), "the oldest address was let go").toBe(401);
  });

  it("forgets an address whose minute is over", () => {
    const { clock, statusOf } = brakeAfterOneFailure();
    expect(statusOf("a")).toBe(401);
    expect(statusOf("a")).toBe(429);
    clock.now += 60_000;
    expect(statusOf("a")).toBe(401);
  });
});
