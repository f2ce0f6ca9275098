import { describe, expect, it } from "vitest";
import { callOperation, rawRequest, TokenApi } from "./http.js";
import { demoTokens, useServer } from "./servers.js";

const server = useServer();
const PLATFORM_DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/;
const kinds = ["account", "space", "manager"] as const;

describe.each(kinds)("the six operations with a %s api token", (kind) => {
  const api = () => new TokenApi(server().url, demoTokens(server())[kind]);

  it("creates temporary tokens (body absent, {} or permanent:false) that expire 24 hours after creation", async () => {
    const bodies = [undefined, "{}", '{"permanent":false}'];
    for (const body of bodies) {
      const response = await callOperation(server().url, "createStreamToken", {
        method: "POST",
        path: "/v1/streams/tokens/",
        headers: {
          authorization: `Token ${api().apiToken}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body }),
      });
      expect(response.status).toBe(201);
      const token = response.body as { key: string; created: string; expires: string; is_active: boolean };
      expect(token.key).toMatch(/^st_[A-Za-z0-9_-]{32,}$/);
      expect(token.is_active).toBe(true);
      expect(token.created).toMatch(PLATFORM_DATETIME);
      expect(token.expires).toMatch(PLATFORM_DATETIME);
      expect(Date.parse(token.expires) - Date.parse(token.created)).toBe(24 * 3600 * 1000);
    }
  });

  it("creates a permanent token with expires null", async () => {
    const token = await api().createToken(true);
    expect(token.expires).toBeNull();
  });

  it("lists newest first with X-Total-Count, filtered by lowercase permanent", async () => {
    const all = await api().list();
    expect(all.status).toBe(200);
    const tokens = all.body as { id: number; expires: string | null }[];
    expect(all.headers["x-total-count"]).toBe(String(tokens.length));
    expect(tokens.map((t) => t.id)).toEqual([...tokens.map((t) => t.id)].sort((a, b) => b - a));
    const permanent = await api().listTokens("permanent=true");
    expect(permanent.length).toBeGreaterThan(0);
    expect(permanent.every((t) => t.expires === null)).toBe(true);
    const temporary = await api().listTokens("permanent=false");
    expect(temporary.every((t) => t.expires !== null)).toBe(true);
    expect(permanent.length + temporary.length).toBe(tokens.length);
  });

  it("gets one token by id and by key", async () => {
    const created = await api().createToken();
    const byId = await api().get(created.id);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(created);
    const byKey = await api().get(created.key);
    expect(byKey.status).toBe(200);
    expect(byKey.body).toEqual(created);
  });

  it("updates is_active with a form PATCH and a JSON PUT, by id and by key", async () => {
    const created = await api().createToken();
    const off = await api().patch(created.id, "is_active=false");
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ ...created, is_active: false });
    const on = await api().put(created.key, '{"is_active":true}');
    expect(on.body).toEqual({ ...created, is_active: true });
    const offByKey = await api().patch(created.key, "is_active=false");
    expect((offByKey.body as { is_active: boolean }).is_active).toBe(false);
    expect((await api().get(created.id)).body).toEqual({ ...created, is_active: false });
  });

  it("deletes one token by id and by key with 204 and an empty body", async () => {
    const first = await api().createToken();
    const second = await api().createToken();
    const byId = await api().delete(first.id);
    expect(byId.status).toBe(204);
    expect(byId.text).toBe("");
    expect((await api().delete(second.key)).status).toBe(204);
    expect((await api().get(first.id)).status).toBe(404);
    expect((await api().get(second.key)).status).toBe(404);
    expect((await api().delete(first.id)).status).toBe(404);
  });

  it("deletes lists: false only temporary, true only permanent, absent all", async () => {
    await api().createToken(false);
    await api().createToken(true);
    expect((await api().deleteList("permanent=false")).status).toBe(204);
    const left = await api().listTokens();
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((t) => t.expires === null)).toBe(true);
    await api().createToken(false);
    expect((await api().deleteList("permanent=true")).status).toBe(204);
    const temporaryOnly = await api().listTokens();
    expect(temporaryOnly.length).toBe(1);
    expect(temporaryOnly[0]?.expires).not.toBeNull();
    await api().createToken(true);
    const all = await api().deleteList();
    expect(all.status).toBe(204);
    expect(all.text).toBe("");
    expect(await api().listTokens()).toEqual([]);
  });

  it("answers the same without trailing slashes", async () => {
    const created = await api().createToken();
    const auth = { authorization: `Token ${api().apiToken}` };
    const one = await rawRequest(server().url, {
      method: "GET",
      path: `/v1/streams/tokens/${created.id}`,
      headers: auth,
    });
    expect(one.status).toBe(200);
    const list = await rawRequest(server().url, { method: "GET", path: "/v1/streams/tokens", headers: auth });
    expect(list.status).toBe(200);
    const gone = await rawRequest(server().url, {
      method: "DELETE",
      path: "/v1/streams/tokens",
      headers: auth,
    });
    expect(gone.status).toBe(204);
  });
});
