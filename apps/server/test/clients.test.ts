import { describe, expect, it } from "vitest";
import { callOperation, errorCodesOf, type HttpResponse } from "./http.js";
import { demoTokens, useServer } from "./servers.js";

const server = useServer();

/**
 * The Python client `neuroio` 0.1.x (httpx): JSON create that always sends `permanent`, list that
 * always sends limit and offset (and `permanent=` for None), form-encoded PATCH, delete_list with
 * params only when permanent is given. Headers as httpx sends them.
 */
describe("the Python client's exact requests", () => {
  const headers = () => ({
    host: new URL(server().url).host,
    accept: "*/*",
    "accept-encoding": "gzip, deflate",
    connection: "keep-alive",
    "user-agent": "neuroio-python/0.1.4",
    authorization: `Token ${demoTokens(server()).account}`,
  });
  const python = (
    operationId: string,
    method: string,
    path: string,
    extra: Record<string, string> = {},
    body?: string,
  ) =>
    callOperation(server().url, operationId, {
      method,
      path,
      headers: { ...headers(), ...extra },
      ...(body === undefined ? {} : { body }),
    });
  const json = { "content-type": "application/json" };
  const form = { "content-type": "application/x-www-form-urlencoded" };

  it("runs create, list, get, update, delete and delete_list", async () => {
    const temporary = await python(
      "createStreamToken",
      "POST",
      "/v1/streams/tokens/",
      json,
      '{"permanent": false}',
    );
    expect(temporary.status).toBe(201);
    const permanent = await python(
      "createStreamToken",
      "POST",
      "/v1/streams/tokens/",
      json,
      '{"permanent": true}',
    );
    expect(permanent.status).toBe(201);
    const tempToken = temporary.body as { id: number; key: string };
    const permToken = permanent.body as { id: number; key: string };

    const both = await python("listStreamTokens", "GET", "/v1/streams/tokens/?permanent=&limit=20&offset=0");
    expect(both.status).toBe(200);
    expect((both.body as { id: number }[]).map((t) => t.id)).toEqual([permToken.id, tempToken.id]);
    const onlyTemp = await python(
      "listStreamTokens",
      "GET",
      "/v1/streams/tokens/?permanent=false&limit=10&offset=0",
    );
    expect((onlyTemp.body as { id: number }[]).map((t) => t.id)).toEqual([tempToken.id]);

    expect((await python("getStreamToken", "GET", `/v1/streams/tokens/${tempToken.id}/`)).status).toBe(200);
    expect((await python("getStreamToken", "GET", `/v1/streams/tokens/${tempToken.key}/`)).status).toBe(200);

    const updated = await python(
      "updateStreamToken",
      "PATCH",
      `/v1/streams/tokens/${tempToken.id}/`,
      form,
      "is_active=false",
    );
    expect(updated.status).toBe(200);
    expect((updated.body as { is_active: boolean }).is_active).toBe(false);

    expect((await python("deleteStreamToken", "DELETE", `/v1/streams/tokens/${tempToken.key}/`)).status).toBe(
      204,
    );
    expect((await python("deleteStreamTokens", "DELETE", "/v1/streams/tokens/?permanent=true")).status).toBe(
      204,
    );
    expect((await python("deleteStreamTokens", "DELETE", "/v1/streams/tokens/")).status).toBe(204);
    const empty = await python("listStreamTokens", "GET", "/v1/streams/tokens/?permanent=&limit=20&offset=0");
    expect(empty.body).toEqual([]);
  });

  it("gets the documented error body for a sixth permanent token", async () => {
    for (let i = 0; i < 5; i++) {
      await python("createStreamToken", "POST", "/v1/streams/tokens/", json, '{"permanent": true}');
    }
    const sixth = await python(
      "createStreamToken",
      "POST",
      "/v1/streams/tokens/",
      json,
      '{"permanent": true}',
    );
    expect(sixth.status).toBe(409);
    expect(errorCodesOf(sixth)).toEqual([1300]);
    await python("deleteStreamTokens", "DELETE", "/v1/streams/tokens/");
  });
});

/**
 * The JavaScript client `@neuroio/api` 4.x (axios): `Content-Type: application/json` as a default
 * header on every request, PUT with JSON for updates, bulk delete with limit/offset/permanent in
 * the query (qs), create with `{permanent}` or `{}`.
 */
describe("the JavaScript client's exact requests", () => {
  const js = (operationId: string, method: string, path: string, body?: string): Promise<HttpResponse> =>
    callOperation(server().url, operationId, {
      method,
      path,
      headers: {
        accept: "application/json, text/plain, */*",
        "content-type": "application/json",
        "user-agent": "axios/0.21.1",
        authorization: `Token ${demoTokens(server()).space}`,
      },
      ...(body === undefined ? {} : { body }),
    });

  it("runs getStreamTokens, createStreamToken, getStreamToken, updateStreamToken, deleteStreamToken(s)", async () => {
    const created = await js("createStreamToken", "POST", "/v1/streams/tokens/", "{}");
    expect(created.status).toBe(201);
    expect((created.body as { expires: string | null }).expires).not.toBeNull();
    const permanent = await js("createStreamToken", "POST", "/v1/streams/tokens/", '{"permanent":true}');
    expect((permanent.body as { expires: string | null }).expires).toBeNull();
    const token = created.body as { id: number; key: string };

    const list = await js("listStreamTokens", "GET", "/v1/streams/tokens/?permanent=false&limit=20&offset=0");
    expect((list.body as { id: number }[]).map((t) => t.id)).toEqual([token.id]);
    const noParams = await js("listStreamTokens", "GET", "/v1/streams/tokens/");
    expect((noParams.body as unknown[]).length).toBe(2);

    expect((await js("getStreamToken", "GET", `/v1/streams/tokens/${token.id}/`)).status).toBe(200);
    const off = await js(
      "updateStreamTokenPut",
      "PUT",
      `/v1/streams/tokens/${token.id}/`,
      '{"is_active":false}',
    );
    expect(off.status).toBe(200);
    expect((off.body as { is_active: boolean }).is_active).toBe(false);

    expect((await js("deleteStreamToken", "DELETE", `/v1/streams/tokens/${token.id}/`)).status).toBe(204);
    const bulk = await js(
      "deleteStreamTokens",
      "DELETE",
      "/v1/streams/tokens/?limit=20&offset=0&permanent=true",
    );
    expect(bulk.status).toBe(204);
    const bulkNoFilter = await js("deleteStreamTokens", "DELETE", "/v1/streams/tokens/?limit=20&offset=0");
    expect(bulkNoFilter.status).toBe(204);
    expect((await js("listStreamTokens", "GET", "/v1/streams/tokens/")).body).toEqual([]);
  });

  it("accepts an empty body sent with Content-Type: application/json (axios DELETE and GET)", async () => {
    const response = await callOperation(server().url, "deleteStreamTokens", {
      method: "DELETE",
      path: "/v1/streams/tokens/",
      headers: {
        "content-type": "application/json",
        "content-length": "0",
        authorization: `Token ${demoTokens(server()).space}`,
      },
    });
    expect(response.status).toBe(204);
  });
});
