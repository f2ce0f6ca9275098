import { createNeuroioRestApi } from "@neuroio/rest-api";
import { describe, expect, it } from "vitest";
import type { ApiTokens } from "../src/index.js";
import { errorCodesOf, rawRequest } from "./http.js";
import { demoTokens, useServer } from "./servers.js";

const server = useServer();

/**
 * The official JavaScript client, `@neuroio/rest-api` 4.2.x, set up as its README says:
 * `createNeuroioRestApi({ version: 1, token })`. It sends `token: Token <key>` and no
 * `Authorization`, `Content-Type: application/json` on every request (bodiless GET and DELETE
 * too), PUT with JSON for updates and `limit`/`offset` on the bulk delete.
 */
function neuroioClient(token: string) {
  const api = createNeuroioRestApi({ version: 1, token });
  if (!api) throw new Error("createNeuroioRestApi returned no client for version 1");
  api.setEndpoint({ base: `${server().url}/v1/`, auth: `${server().url}/v1/` });
  const streamTokens: StreamTokensAsCalled = api.streamTokens;
  return { api, streamTokens };
}

interface NeuroioStreamToken {
  id: number;
  key: string;
  is_active: boolean;
  expires: string | null;
}

/**
 * The client's stream-token methods as its source calls them: its typings are narrower than what it
 * sends (lists and bulk deletes pass limit/offset through, a get takes a key as well as an id).
 */
interface StreamTokensAsCalled {
  createStreamToken(body: { permanent?: boolean }): Promise<NeuroioStreamToken>;
  getStreamTokens(query: {
    limit?: number;
    offset?: number;
    permanent?: boolean;
  }): Promise<NeuroioStreamToken[]>;
  getStreamToken(idOrKey: number | string): Promise<NeuroioStreamToken>;
  updateStreamToken(body: { id: number; is_active: boolean }): Promise<NeuroioStreamToken>;
  deleteStreamToken(idOrKey: number | string): Promise<null>;
  deleteStreamTokens(query: { limit?: number; offset?: number; permanent?: boolean }): Promise<null>;
}

/** The HTTP status of a request the client rejected (axios puts the answer on the error). */
async function statusOfRejection(call: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    await call;
  } catch (error) {
    const response: unknown = Reflect.get(Object(error), "response");
    const status: unknown = Reflect.get(Object(response), "status");
    if (typeof status === "number") return { status, body: Reflect.get(Object(response), "data") };
  }
  throw new Error("the call was expected to fail with an HTTP answer");
}

const kinds: (keyof ApiTokens)[] = ["account", "space", "manager"];

describe("the official JavaScript client @neuroio/rest-api", () => {
  it.each(kinds)("does every stream-token operation with the %s api token", async (kind) => {
    const { streamTokens } = neuroioClient(demoTokens(server())[kind]);

    const temporary = await streamTokens.createStreamToken({});
    expect(temporary.expires).not.toBeNull();
    const permanent = await streamTokens.createStreamToken({ permanent: true });
    expect(permanent.expires).toBeNull();

    const all = await streamTokens.getStreamTokens({ limit: 20, offset: 0 });
    expect(all.map((token) => token.id)).toEqual([permanent.id, temporary.id]);
    const onlyPermanent = await streamTokens.getStreamTokens({ permanent: true });
    expect(onlyPermanent.map((token) => token.id)).toEqual([permanent.id]);

    expect((await streamTokens.getStreamToken(temporary.id)).key).toBe(temporary.key);
    expect((await streamTokens.getStreamToken(temporary.key)).id).toBe(temporary.id);

    const off = await streamTokens.updateStreamToken({ id: temporary.id, is_active: false });
    expect(off.is_active).toBe(false);

    await streamTokens.deleteStreamToken(temporary.id);
    expect((await statusOfRejection(streamTokens.getStreamToken(temporary.id))).status).toBe(404);

    await streamTokens.deleteStreamTokens({ limit: 20, offset: 0, permanent: false });
    expect(await streamTokens.getStreamTokens({})).toHaveLength(1);
    await streamTokens.deleteStreamTokens({ limit: 20, offset: 0 });
    expect(await streamTokens.getStreamTokens({})).toEqual([]);
  });

  it("works after setToken too, when it sends both headers", async () => {
    const { api, streamTokens } = neuroioClient(demoTokens(server()).space);
    api.setToken(demoTokens(server()).space);
    const created = await streamTokens.createStreamToken({ permanent: false });
    expect((await streamTokens.getStreamToken(created.id)).id).toBe(created.id);
    await streamTokens.deleteStreamToken(created.id);
  });

  it("gets 401 with the error body for an unknown api token in the token header", async () => {
    const { streamTokens } = neuroioClient("at_unknown");
    const rejection = await statusOfRejection(streamTokens.getStreamTokens({}));
    expect(rejection.status).toBe(401);
    expect(rejection.body).toMatchObject({ error_codes: [1101] });
  });
});

describe("the token header", () => {
  const list = (headers: Record<string, string>) =>
    rawRequest(server().url, { method: "GET", path: "/v1/streams/tokens/", headers });

  it("is read only when Authorization is absent: Authorization decides when both are sent", async () => {
    const valid = `Token ${demoTokens(server()).account}`;
    expect((await list({ token: valid })).status).toBe(200);
    const wrongAuthorization = await list({ authorization: "Token at_wrong", token: valid });
    expect(wrongAuthorization.status).toBe(401);
    expect(errorCodesOf(wrongAuthorization)).toEqual([1101]);
  });

  it("must be of the form 'Token <key>' like Authorization", async () => {
    const bare = await list({ token: demoTokens(server()).account });
    expect(bare.status).toBe(401);
    expect(errorCodesOf(bare)).toEqual([1100]);
  });
});
