import { describe, expect, it } from "vitest";
import { Authenticator } from "../src/auth.js";
import { openDatabase } from "../src/database.js";
import { ApiError } from "../src/errors.js";
import { Store } from "../src/store.js";

/** The status a failed authentication from `address` answers. */
function statusOf(auth: Authenticator, address: string): number {
  try {
    auth.authenticate("Token at_wrong", address);
  } catch (error) {
    if (error instanceof ApiError) return error.status;
    throw error;
  }
  throw new Error("a wrong api token was accepted");
}

describe("the brake on failed authentications", () => {
  it("tracks at most 10,000 addresses: a flood of new ones evicts the oldest, not the newest", () => {
    let now = 0;
    const db = openDatabase(":memory:");
    const auth = new Authenticator(new Store(db, { temporaryTtlSeconds: 60 }), 1, () => now);
    try {
      expect(statusOf(auth, "first")).toBe(401);
      expect(statusOf(auth, "first")).toBe(429);
      for (let index = 0; index < 20_000; index++) {
        now += 1;
        statusOf(auth, `flood-${index}`);
      }
      expect(statusOf(auth, "flood-19999"), "the newest address is still braked").toBe(429);
      expect(statusOf(auth, "first"), "the oldest address was let go").toBe(401);
    } finally {
      db.close();
    }
  });

  it("forgets an address whose minute is over", () => {
    let now = 0;
    const db = openDatabase(":memory:");
    const auth = new Authenticator(new Store(db, { temporaryTtlSeconds: 60 }), 1, () => now);
    try {
      expect(statusOf(auth, "a")).toBe(401);
      expect(statusOf(auth, "a")).toBe(429);
      now += 60_000;
      expect(statusOf(auth, "a")).toBe(401);
    } finally {
      db.close();
    }
  });
});
