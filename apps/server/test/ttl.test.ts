import { describe, expect, it } from "vitest";
import { TokenApi } from "./http.js";
import { demoTokens, useServer } from "./servers.js";

const start = new Date("2021-05-28T10:37:51.433Z");
let now = start;
const server = useServer({ now: () => now });
const shortTtl = useServer({ now: () => now, temporaryTtlSeconds: 60 });

function demoApi(running: ReturnType<typeof server>): TokenApi {
  return new TokenApi(running.url, demoTokens(running).account);
}

describe("temporary token lifetime (injected clock)", () => {
  it("expires 24 hours after creation, written like the platform", async () => {
    now = start;
    const token = await demoApi(server()).createToken();
    expect(token.created).toBe("2021-05-28T10:37:51.433000+00:00");
    expect(token.expires).toBe("2021-05-29T10:37:51.433000+00:00");
  });

  it("keeps expired tokens listed and readable until deleted, as the spec picks", async () => {
    now = start;
    const api = demoApi(server());
    await api.deleteList();
    const token = await api.createToken();
    now = new Date(start.getTime() + 25 * 3600 * 1000);
    const listed = await api.listTokens("permanent=false");
    expect(listed.map((t) => t.id)).toEqual([token.id]);
    const read = await api.get(token.key);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(token);
    expect(Date.parse(token.expires ?? "")).toBeLessThan(now.getTime());
    expect((await api.delete(token.id)).status).toBe(204);
  });

  it("follows a shortened TTL", async () => {
    now = start;
    const token = await demoApi(shortTtl()).createToken(false);
    expect(token.expires).toBe("2021-05-28T10:38:51.433000+00:00");
    const permanent = await demoApi(shortTtl()).createToken(true);
    expect(permanent.expires).toBeNull();
  });

  it("refuses a TTL that is not a positive integer", async () => {
    const { startServer } = await import("../src/index.js");
    await expect(startServer({ temporaryTtlSeconds: 0 })).rejects.toThrow(RangeError);
    await expect(startServer({ temporaryTtlSeconds: 1.5 })).rejects.toThrow(RangeError);
  });
});
