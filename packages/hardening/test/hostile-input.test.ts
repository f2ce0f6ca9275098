import { join } from "node:path";
import { demoTokens, useStarted, useTempDir } from "@stream-tokens/testkit/fixtures";
import { keepAliveAgent, type RawRequest, type RawResponse, sendRaw } from "@stream-tokens/testkit/raw-http";
import { isErrorBody, isStreamToken, parseJson } from "@stream-tokens/testkit/wire";
import fc from "fast-check";
import { startServer } from "stream-tokens-server";
import { afterAll, describe, expect, it } from "vitest";
import { listEverything } from "./support/api.js";
import { hostileRequest } from "./support/hostile-requests.js";
import { profile } from "./support/profile.js";
import { TokenModel } from "./support/token-model.js";

const LIST_PATH = /^\/v1\/streams\/tokens\/?$/;
const ITEM_PATH = /^\/v1\/streams\/tokens\/([^/]+)\/?$/;

const dir = useTempDir();
// The failed-authentication brake has its own test (abuse.test.ts); here it would hide the
// validation paths behind 429s.
const server = useStarted(() =>
  startServer({ db: join(dir(), "tokens.db"), seed: true, authFailuresPerMinute: 1_000_000 }),
);
const agent = keepAliveAgent();

afterAll(() => {
  agent.destroy();
});

function describeHeaders(request: RawRequest): string {
  const headers = Object.entries(request.headers ?? {}).map(
    ([name, value]) => `${name}=${value.slice(0, 40)}`,
  );
  return `[${headers.join(" ")}] body=${String(request.body ?? "").slice(0, 60)}`;
}

function decodedSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function deleteFilter(query: string): boolean | undefined {
  const values = new URLSearchParams(query).getAll("permanent").filter((value) => value !== "");
  if (values.length === 0) return undefined;
  if (values.length === 1 && (values[0] === "true" || values[0] === "false")) return values[0] === "true";
  throw new Error(`a bulk delete was acknowledged with an ambiguous filter: ?${query}`);
}

/** The query parameters the spec lists per route; the server must refuse any other one. */
const QUERY_PARAMETERS: Record<string, readonly string[]> = {
  "GET list": ["permanent", "limit", "offset"],
  "HEAD list": ["permanent", "limit", "offset"],
  "DELETE list": ["permanent", "limit", "offset"],
};

/** Names in the query with a value (an empty value counts as absent, as the Python client needs). */
function unlistedQueryNames(route: string, query: string): string[] {
  const listed = QUERY_PARAMETERS[route] ?? [];
  const named = [...new URLSearchParams(query)].filter(([, value]) => value !== "").map(([name]) => name);
  return named.filter((name) => !listed.includes(name));
}

/** Checks one acknowledged (2xx) answer against the spec and records its effect in the model. */
function acknowledge(model: TokenModel, request: RawRequest, response: RawResponse): void {
  const [path = "", query = ""] = request.path.split("?", 2);
  const body = request.method === "HEAD" ? undefined : parseJson(response.text);
  const item = ITEM_PATH.exec(path);
  const segment = item?.[1] === undefined ? undefined : decodedSegment(item[1]);
  const route = `${request.method} ${LIST_PATH.test(path) ? "list" : segment !== undefined ? "item" : "other"}`;
  const unlisted = unlistedQueryNames(route, query);
  if (unlisted.length > 0)
    throw new Error(`acknowledged unknown query parameters ${JSON.stringify(unlisted)}`);
  switch (`${route} ${response.status}`) {
    case "POST list 201":
      if (!isStreamToken(body)) throw new Error(`create answered ${response.text}`);
      model.created(body);
      return;
    case "GET list 200":
      if (!Array.isArray(body) || !body.every(isStreamToken))
        throw new Error(`list answered ${response.text}`);
      return;
    case "GET item 200":
      if (!isStreamToken(body)) throw new Error(`get answered ${response.text}`);
      return;
    case "PATCH item 200":
    case "PUT item 200":
      if (!isStreamToken(body)) throw new Error(`update answered ${response.text}`);
      model.updated(body);
      return;
    case "DELETE item 204":
      model.deletedOne(segment ?? "");
      return;
    case "DELETE list 204":
      model.deletedList(deleteFilter(query));
      return;
    case "HEAD list 200":
    case "HEAD item 200":
      return;
    default:
      throw new Error(`unexpected success ${response.status} for ${request.method} ${request.path}`);
  }
}

describe("the server under hostile input", () => {
  it(`answers ${profile.hostileRequests} generated requests with 2xx or a NeuroIO 4xx, and keeps exactly what it acknowledged`, async () => {
    const { url } = server();
    const apiToken = demoTokens(server()).account;
    const model = new TokenModel();
    const trace: string[] = [];
    const statuses = new Map<number, number>();
    const targets = { apiToken, knownSegments: () => model.segments() };

    const failures = new Map<string, string>();
    const fail = (kind: string, request: RawRequest, detail: string) => {
      if (failures.size < 20 && !failures.has(kind))
        failures.set(
          kind,
          `${request.method} ${request.path.slice(0, 120)} ${describeHeaders(request)}: ${detail.slice(0, 300)}`,
        );
    };

    await fc.assert(
      fc.asyncProperty(hostileRequest(targets), async (request) => {
        let response: RawResponse;
        try {
          response = await sendRaw(url, request, { agent, timeoutMs: 3_000 });
        } catch (error) {
          fail(`no answer to ${request.method}`, request, String(error));
          return;
        }
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        trace.push(
          `${request.method} ${request.path.slice(0, 120)} ${describeHeaders(request)} -> ${response.status} ${response.text.slice(0, 60)}`,
        );
        if (trace.length > 30) trace.shift();
        if (response.status >= 500 || response.status < 200) {
          fail(`status ${response.status}`, request, response.text);
        } else if (response.status >= 400) {
          if (request.method !== "HEAD" && !isErrorBody(parseJson(response.text)))
            fail(`${response.status} without the error body`, request, response.text);
        } else {
          try {
            acknowledge(model, request, response);
          } catch (error) {
            fail(`wrong ${response.status}`, request, String(error));
          }
        }
      }),
      { numRuns: profile.hostileRequests },
    );
    expect([...failures].map(([kind, example]) => `${kind}\n    e.g. ${example}`)).toEqual([]);

    const actual = TokenModel.project(await listEverything(url, apiToken, agent));
    expect(actual, `the last acknowledged requests:\n${trace.join("\n")}`).toEqual(model.snapshot());
    expect(model.snapshot().filter((token) => token.permanent).length).toBeLessThanOrEqual(5);
    // The run reached deep: real creates, validation errors and auth failures all happened.
    for (const status of [201, 400, 401, 404]) expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
    console.log(
      `hostile input: ${profile.hostileRequests} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
  });
});
