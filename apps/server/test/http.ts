import type { StreamToken } from "@stream-tokens/api-types";
import {
  type RawRequest,
  type RawResponse,
  type SendOptions,
  sendRaw,
} from "@stream-tokens/testkit/raw-http";
import { type Contract, loadContract } from "./contract.js";

export const contract: Contract = loadContract();

export interface HttpResponse extends RawResponse {
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  body: unknown;
}

/** One request as given (see sendRaw), on a connection of its own, with its JSON body parsed. */
export async function rawRequest(
  baseUrl: string,
  req: RawRequest,
  options: SendOptions = {},
): Promise<HttpResponse> {
  const response = await sendRaw(baseUrl, req, options);
  const type = String(response.headers["content-type"] ?? "");
  const json = response.text !== "" && type.startsWith("application/json");
  return { ...response, body: json ? JSON.parse(response.text) : undefined };
}

/** Sends a request of an operation and checks the answer against the spec before returning it. */
export async function callOperation(
  baseUrl: string,
  operationId: string,
  req: RawRequest,
): Promise<HttpResponse> {
  const response = await rawRequest(baseUrl, req);
  contract.assertResponse(operationId, response.status, response.body ?? (response.text || undefined));
  return response;
}

/** A caller holding one api token, speaking the wire the way the SDK of this repository does. */
export class TokenApi {
  constructor(
    readonly baseUrl: string,
    readonly apiToken: string,
  ) {}

  #auth(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Token ${this.apiToken}`, ...extra };
  }

  create(permanent?: boolean): Promise<HttpResponse> {
    return callOperation(this.baseUrl, "createStreamToken", {
      method: "POST",
      path: "/v1/streams/tokens/",
      headers: this.#auth({ "content-type": "application/json" }),
      body: JSON.stringify(permanent === undefined ? {} : { permanent }),
    });
  }

  async createToken(permanent?: boolean): Promise<StreamToken> {
    const response = await this.create(permanent);
    if (response.status !== 201) throw new Error(`create answered ${response.status}: ${response.text}`);
    return asToken(response.body);
  }

  list(query = ""): Promise<HttpResponse> {
    return callOperation(this.baseUrl, "listStreamTokens", {
      method: "GET",
      path: `/v1/streams/tokens/${query ? `?${query}` : ""}`,
      headers: this.#auth(),
    });
  }

  async listTokens(query = ""): Promise<StreamToken[]> {
    const response = await this.list(query);
    if (response.status !== 200) throw new Error(`list answered ${response.status}: ${response.text}`);
    return asTokens(response.body);
  }

  get(idOrKey: string | number): Promise<HttpResponse> {
    return callOperation(this.baseUrl, "getStreamToken", {
      method: "GET",
      path: `/v1/streams/tokens/${encodeURIComponent(String(idOrKey))}/`,
      headers: this.#auth(),
    });
  }

  patch(idOrKey: string | number, form: string): Promise<HttpResponse> {
    return callOperation(this.baseUrl, "updateStreamToken", {
      method: "PATCH",
      path: `/v1/streams/tokens/${encodeURIComponent(String(idOrKey))}/`,
      headers: this.#auth({ "content-type": "application/x-www-form-urlencoded" }),
      body: form,
    });
  }

  put(idOrKey: string | number, json: string): Promise<HttpResponse> {
    return callOperation(this.baseUrl, "updateStreamTokenPut", {
      method: "PUT",
      path: `/v1/streams/tokens/${encodeURIComponent(String(idOrKey))}/`,
      headers: this.#auth({ "content-type": "application/json" }),
      body: json,
    });
  }

  delete(idOrKey: string | number): Promise<HttpResponse> {
    return callOperation(this.baseUrl, "deleteStreamToken", {
      method: "DELETE",
      path: `/v1/streams/tokens/${encodeURIComponent(String(idOrKey))}/`,
      headers: this.#auth(),
    });
  }

  deleteList(query = ""): Promise<HttpResponse> {
    return callOperation(this.baseUrl, "deleteStreamTokens", {
      method: "DELETE",
      path: `/v1/streams/tokens/${query ? `?${query}` : ""}`,
      headers: this.#auth(),
    });
  }

  /** Every token of the scope, newest first, by walking pages of 100. */
  async all(query = ""): Promise<StreamToken[]> {
    const tokens: StreamToken[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await this.listTokens(`limit=100&offset=${offset}${query ? `&${query}` : ""}`);
      tokens.push(...page);
      if (page.length < 100) return tokens;
    }
  }
}

/** Narrows a body the contract already accepted as a StreamToken. */
export function asToken(body: unknown): StreamToken {
  contract.assertResponse("getStreamToken", 200, body);
  return body as StreamToken;
}

export function asTokens(body: unknown): StreamToken[] {
  contract.assertResponse("listStreamTokens", 200, body);
  return body as StreamToken[];
}

/** The `error_codes` of an error body the contract accepted. */
export function errorCodesOf(response: HttpResponse): number[] {
  contract.assertErrorBody(response.status, response.body);
  const body = response.body as { error_codes: number[] };
  return body.error_codes;
}

/** The `fields` of an error body the contract accepted. */
export function fieldsOf(response: HttpResponse): { name: string; message: string }[] {
  contract.assertErrorBody(response.status, response.body);
  const body = response.body as { fields: { name: string; message: string }[] };
  return body.fields;
}

export function fieldNamesOf(response: HttpResponse): string[] {
  return fieldsOf(response).map((field) => field.name);
}
