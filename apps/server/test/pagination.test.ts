import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TokenApi } from "./http.js";
import { useServer } from "./servers.js";

let clock = new Date("2024-01-01T00:00:00.000Z");
const server = useServer({ now: () => clock });

describe("pagination", () => {
  it("visits every token exactly once, newest first (created, then id, descending), for any limit", async () => {
    const fresh = server().createAccount();
    const api = new TokenApi(server().url, fresh.account);
    // 120 with distinct creation times, then 30 created in the same millisecond (ties broken by id).
    server().insertTemporaryTokens(fresh.account, 120);
    clock = new Date("2024-01-02T00:00:00.000Z");
    for (let i = 0; i < 25; i++) await api.createToken(false);
    for (let i = 0; i < 5; i++) await api.createToken(true);
    const total = 150;

    const expected = (await api.all()).map((t) => ({ id: t.id, created: t.created }));
    expect(expected).toHaveLength(total);
    const sorted = [...expected].sort((a, b) => b.created.localeCompare(a.created) || b.id - a.id);
    expect(expected).toEqual(sorted);

    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom("", "permanent=false", "permanent=true"),
        async (limit, filter) => {
          const seen: number[] = [];
          for (let offset = 0; ; offset += limit) {
            const response = await api.list(`limit=${limit}&offset=${offset}${filter ? `&${filter}` : ""}`);
            const page = response.body as { id: number }[];
            const expectedTotal =
              filter === "permanent=true" ? 5 : filter === "permanent=false" ? 145 : total;
            expect(response.headers["x-total-count"]).toBe(String(expectedTotal));
            expect(page.length).toBeLessThanOrEqual(limit);
            seen.push(...page.map((t) => t.id));
            if (page.length < limit) break;
          }
          const wanted = (await api.all(filter)).map((t) => t.id);
          expect(seen).toEqual(wanted);
          expect(new Set(seen).size).toBe(seen.length);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("defaults to limit 20 and offset 0, and an offset past the end gives an empty page", async () => {
    const fresh = server().createAccount();
    const api = new TokenApi(server().url, fresh.account);
    server().insertTemporaryTokens(fresh.account, 45);
    const first = await api.listTokens();
    expect(first).toHaveLength(20);
    expect(await api.listTokens("limit=20&offset=0")).toEqual(first);
    const beyond = await api.list("offset=45");
    expect(beyond.body).toEqual([]);
    expect(beyond.headers["x-total-count"]).toBe("45");
  });
});
