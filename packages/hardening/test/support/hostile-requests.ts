import type { RawRequest } from "@stream-tokens/testkit/raw-http";
import fc from "fast-check";

/** What the generator may aim at: a valid api token and the tokens that exist right now. */
export interface Targets {
  apiToken: string;
  knownSegments: () => string[];
}

const numbers = fc.constantFrom(
  "",
  "0",
  "1",
  "5",
  "20",
  "100",
  "101",
  "-1",
  "-0",
  "1.5",
  "1e2",
  "0x10",
  "%207",
  "9007199254740993",
  "99999999999999999999999999",
  "NaN",
  "Infinity",
  "true",
  "abc",
  "%00",
  "%E2%80%AE",
  "%F0%9F%94%91",
);
const booleans = fc.constantFrom("true", "false", "True", "FALSE", "1", "0", "yes", "", "null", "%74rue");

const querystring = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constantFrom("limit", "offset"), numbers),
      fc.tuple(fc.constant("permanent"), booleans),
      fc.tuple(
        fc.constantFrom("limit[]", "__proto__", "constructor", "permanent[x]", "%70ermanent"),
        booleans,
      ),
      fc.tuple(
        fc.string({ maxLength: 8 }).map(encodeURIComponent),
        fc.string({ maxLength: 8 }).map(encodeURIComponent),
      ),
    ),
    { maxLength: 5 },
  )
  .map((pairs) =>
    pairs.length === 0 ? "" : `?${pairs.map(([name, value]) => `${name}=${value}`).join("&")}`,
  );

const hostileSegment = fc.oneof(
  fc.constantFrom(
    "0",
    "-1",
    "1.0",
    "1e3",
    "00001",
    "99999999999999999999999",
    "9223372036854775808",
    "%2F",
    "..",
    "%2e%2e",
    "%2E%2E%2F%2E%2E",
    ".",
    "%00",
    "%",
    "%zz",
    "st_",
    "st_%2F..%2F",
    "%F0%9F%94%91",
    "%D0%BA%D0%BB%D1%8E%D1%87",
    "'%20OR%201=1--",
    "x".repeat(257),
    "y".repeat(3000),
  ),
  fc.string({ minLength: 1, maxLength: 40, unit: "grapheme" }).map(encodeURIComponent),
  fc.nat().map(String),
);

function path(targets: Targets): fc.Arbitrary<string> {
  const segment = fc.oneof(
    { weight: 3, arbitrary: hostileSegment },
    {
      weight: 2,
      arbitrary: fc.nat().map((index) => {
        const known = targets.knownSegments();
        return known[index % Math.max(known.length, 1)] ?? "1";
      }),
    },
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom("/v1/streams/tokens/", "/v1/streams/tokens") },
    { weight: 6, arbitrary: segment.map((s) => `/v1/streams/tokens/${s}/`) },
    { weight: 1, arbitrary: segment.map((s) => `/v1/streams/tokens/${s}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "/",
        "/v1/",
        "/v1/streams/",
        "/v1/streams/tokens/1/extra/",
        "/v1/streams/tokens//",
        "/v1/streams/tokens/%2F%2F/",
        "/v1/../v1/streams/tokens/",
        "/v1/streams/tokens/../../etc/passwd",
        "/V1/STREAMS/TOKENS/",
        "/v2/streams/tokens/",
        "//v1/streams/tokens/",
      ),
    },
  );
}

function authorization(targets: Targets): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(`Token ${targets.apiToken}`) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        undefined,
        "",
        "Token",
        "Token ",
        `Bearer ${targets.apiToken}`,
        `Token ${targets.apiToken} extra`,
        `Token ${targets.apiToken.slice(0, -1)}`,
        `Token ${targets.apiToken}${targets.apiToken}`,
        `Basic ${Buffer.from("a:b").toString("base64")}`,
        `Token ${"a".repeat(5000)}`,
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .string({ maxLength: 60, unit: "binary-ascii" })
        .map((s) => s.replace(/[^\x20-\x7e]/g, "")),
    },
  );
}

const nested = (depth: number): string => "[".repeat(depth) + "]".repeat(depth);

const body = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  {
    weight: 5,
    arbitrary: fc
      .record({ permanent: fc.boolean(), is_active: fc.boolean() }, { requiredKeys: [] })
      .map((value) => JSON.stringify(value)),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '{"permanent": "yes"}',
      '{"permanent": 1}',
      '{"permanent": null}',
      '{"is_active": "false"}',
      '{"is_active": []}',
      "null",
      "[]",
      '"str"',
      "123",
      "{",
      '{"permanent":',
      "{'permanent': true}",
      '{"permanent": true,}',
      '{"__proto__": {"is_active": true}}',
      '{"constructor": {"prototype": {"permanent": true}}}',
      nested(5_000),
      `{"a":${nested(100)}}`,
      "is_active=true",
      "is_active=false",
      "is_active=maybe",
      "is_active=true&is_active=false",
      "is_active=",
      "permanent=true",
      "\u0000\u0001\u0002",
      "\uFEFF{}",
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom("x".repeat(17_000), `{"permanent":true,"pad":"${"p".repeat(200_000)}"}`),
  },
  { weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
);

const contentType = fc.constantFrom(
  undefined,
  "application/json",
  "application/json; charset=utf-8",
  "application/x-www-form-urlencoded",
  "application/x-www-form-urlencoded; charset=utf-8",
  "text/plain",
  "multipart/form-data; boundary=xyz",
  "application/xml",
  "",
  "application/json, text/plain",
  "APPLICATION/JSON",
  "application/jsonp",
);

const method = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE") },
  { weight: 1, arbitrary: fc.constantFrom("HEAD", "OPTIONS", "TRACE", "PROPFIND", "CONNECT") },
);

/** A request that may be valid, invalid or hostile in any of its parts. */
export function hostileRequest(targets: Targets): fc.Arbitrary<RawRequest> {
  return fc
    .record({
      method,
      path: path(targets),
      query: querystring,
      authorization: authorization(targets),
      contentType,
      body,
      extraHeaders: fc.oneof(
        { weight: 30, arbitrary: fc.constant<Record<string, string>>({}) },
        {
          weight: 3,
          arbitrary: fc.constantFrom<Record<string, string>>(
            { "x-forwarded-for": "10.0.0.1" },
            { "transfer-encoding": "chunked" },
            { "content-encoding": "gzip" },
            { expect: "100-continue" },
          ),
        },
        { weight: 1, arbitrary: fc.constant<Record<string, string>>({ "x-padding": "h".repeat(20_000) }) },
      ),
    })
    .map(({ method, path, query, authorization, contentType, body, extraHeaders }) => {
      const headers: Record<string, string> = { ...extraHeaders };
      if (authorization !== undefined) headers.authorization = authorization;
      if (contentType !== undefined) headers["content-type"] = contentType;
      const request: RawRequest = { method, path: path + query, headers };
      if (body !== undefined && method !== "GET" && method !== "HEAD") request.body = body;
      return request;
    });
}
