import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { startServer } from "../src/index.js";
import { maskSecrets } from "../src/logging.js";
import { rawRequest, TokenApi } from "./http.js";
import { demoTokens, useServer } from "./servers.js";

let logs = "";
const logStream = new PassThrough();
logStream.on("data", (chunk: Buffer) => {
  logs += chunk.toString("utf8");
});
const server = useServer({ logger: true, logStream });

/** Every `%XX` decoded, as many times as it takes: what a reader of the text could recover. */
function decodedFully(text: string): string {
  let current = text;
  for (let round = 0; round < 10; round++) {
    const next = current.replace(/%([0-9A-Fa-f]{2})/g, (_match, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** The windows of 10 characters of `secret` that `text` reveals, raw or encoded. */
function revealed(text: string, secret: string): string[] {
  const plain = decodedFully(text);
  const windows: string[] = [];
  for (let start = 0; start + 10 <= secret.length; start++) {
    const window = secret.slice(start, start + 10);
    if (plain.includes(window)) windows.push(window);
  }
  return windows;
}

const encodedWhole = (text: string) =>
  [...Buffer.from(text, "utf8")].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("");

describe("keys and api tokens are masked after percent-decoding, wherever a URL is logged or echoed", () => {
  it("masks every encoded, glued and bare form in the log and in the 404 message", async () => {
    const apiToken = demoTokens(server()).account;
    const key = (await new TokenApi(server().url, apiToken).createToken()).key;
    const keySecret = key.slice(3);
    const apiSecret = apiToken.slice(3);
    const forms = [
      `/v1/streams/tokens/st%5F${keySecret}/`,
      `/v1/streams/tokens/st%5f${keySecret}/`,
      `/v1/streams/tokens/?x=at%5F${apiSecret}`,
      `/v1/streams/tokens/${encodedWhole(key)}/`,
      `/v1/streams/tokens/?note=${encodedWhole(apiToken)}`,
      `/v1/streams/tokens/?x=abc${key}`,
      `/x${apiToken}`,
      `/v1/streams/tokens%2F${key}/`,
      `/v1/streams/tokens%2f${encodedWhole(key)}/`,
      `/v1/streams/tokens/${keySecret}/`,
      `/v1/streams/tokens/?q=${keySecret}`,
      `/nope/${apiSecret}`,
      `/v1/streams/tokens/st%255F${keySecret}/`,
      `/nope/xst_${keySecret}`,
      `/nope/${encodedWhole(key)}`,
      `/nope/${encodedWhole(encodedWhole(apiToken))}`,
    ];
    const bodies: string[] = [];
    for (const path of forms) {
      const response = await rawRequest(server().url, {
        method: "GET",
        path,
        headers: { authorization: `Token ${apiToken}` },
      });
      expect(response.status, path).toBeLessThan(500);
      // A found token answers with its own key, to its owner: only error answers must not echo.
      if (response.status >= 400) bodies.push(`${path} -> ${response.text}`);
    }
    for (const answer of bodies) {
      expect(revealed(answer.slice(answer.indexOf(" -> ")), keySecret), answer).toEqual([]);
      expect(revealed(answer.slice(answer.indexOf(" -> ")), apiSecret), answer).toEqual([]);
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(logs).toContain("/v1/streams/tokens/st_***/");
    expect(revealed(logs, keySecret)).toEqual([]);
    expect(revealed(logs, apiSecret)).toEqual([]);
  });

  it("keeps ids, routes and words readable", () => {
    expect(maskSecrets("/v1/streams/tokens/123/?limit=20&permanent=true")).toBe(
      "/v1/streams/tokens/123/?limit=20&permanent=true",
    );
    expect(maskSecrets("/nope/%0Aline")).toBe("/nope/%0Aline");
  });
});

describe("a server without request logs", () => {
  it("still masks the 404 message", async () => {
    const quiet = await startServer({ seed: true });
    try {
      const key = (await new TokenApi(quiet.url, demoTokens(quiet).account).createToken()).key;
      const response = await rawRequest(quiet.url, { method: "GET", path: `/nope/${encodedWhole(key)}` });
      expect(response.status).toBe(404);
      expect(revealed(response.text, key.slice(3))).toEqual([]);
    } finally {
      await quiet.close();
    }
  });
});
