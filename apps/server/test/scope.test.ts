import { describe, expect, it } from "vitest";
import { TokenApi } from "./http.js";
import { demoTokens, useServer } from "./servers.js";

const server = useServer();

/** Every api token of the demo account and of a second account: six scopes. */
function callers() {
  const demo = demoTokens(server());
  const other = server().createAccount();
  return [
    ["demo account", demo.account],
    ["demo space", demo.space],
    ["demo manager", demo.manager],
    ["other account", other.account],
    ["other space", other.space],
    ["other manager", other.manager],
  ].map(([name, token]) => ({ name: name ?? "", api: new TokenApi(server().url, token ?? "") }));
}

describe("scope isolation", () => {
  it("a token of another scope answers every operation exactly like a missing one", async () => {
    const all = callers();
    const owned = new Map<string, { id: number; key: string }[]>();
    for (const { name, api } of all)
      owned.set(name, [await api.createToken(false), await api.createToken(true)]);
    const missing = await all[0]?.api.get(999_999);
    expect(missing?.status).toBe(404);

    for (const { name, api } of all) {
      const listed = (await api.listTokens()).map((t) => t.id).sort();
      expect(listed).toEqual((owned.get(name) ?? []).map((t) => t.id).sort());
      for (const [ownerName, tokens] of owned) {
        if (ownerName === name) continue;
        for (const token of tokens) {
          for (const ref of [token.id, token.key]) {
            for (const response of [
              await api.get(ref),
              await api.patch(ref, "is_active=false"),
              await api.put(ref, '{"is_active":false}'),
              await api.delete(ref),
            ]) {
              expect(response.status).toBe(404);
              expect(response.body).toEqual(missing?.body);
            }
          }
        }
      }
    }

    // Bulk deletes and writes above touched nothing outside their own scope.
    for (const { api } of all) await api.deleteList();
    for (const { name, api } of all) {
      expect(await api.listTokens(), name).toEqual([]);
    }
  });

  it("creates land in the creator's scope only, and bulk deletes stay inside it", async () => {
    const [first, second, third] = callers();
    if (!first || !second || !third) throw new Error("three callers expected");
    const mine = await first.api.createToken();
    const theirs = await second.api.createToken();
    const others = await third.api.createToken(true);
    await first.api.deleteList();
    expect(await first.api.listTokens()).toEqual([]);
    expect((await second.api.listTokens()).map((t) => t.id)).toEqual([theirs.id]);
    expect((await third.api.listTokens()).map((t) => t.id)).toEqual([others.id]);
    expect((await first.api.get(mine.id)).status).toBe(404);
  });

  it("each kind has its own limit of 5 permanent tokens", async () => {
    const fresh = server().createAccount();
    for (const apiToken of [fresh.account, fresh.space, fresh.manager]) {
      const api = new TokenApi(server().url, apiToken);
      for (let i = 0; i < 5; i++) expect((await api.create(true)).status).toBe(201);
      expect((await api.create(true)).status).toBe(409);
    }
  });
});
