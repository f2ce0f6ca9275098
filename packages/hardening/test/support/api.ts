import type { Agent } from "node:http";
import type { StreamToken } from "@stream-tokens/api-types";
import { sendRaw } from "@stream-tokens/testkit/raw-http";
import { isStreamToken, parseJson } from "@stream-tokens/testkit/wire";

/** Every stream token the api token sees, read page by page through the API itself. */
export async function listEverything(
  baseUrl: string,
  apiToken: string,
  agent: Agent,
): Promise<StreamToken[]> {
  const all: StreamToken[] = [];
  for (let offset = 0; ; offset += 100) {
    const response = await sendRaw(
      baseUrl,
      {
        method: "GET",
        path: `/v1/streams/tokens/?limit=100&offset=${offset}`,
        headers: { authorization: `Token ${apiToken}` },
      },
      { agent, timeoutMs: 10_000 },
    );
    const page = parseJson(response.text);
    if (response.status !== 200 || !Array.isArray(page) || !page.every(isStreamToken))
      throw new Error(`listing failed: ${response.status} ${response.text.slice(0, 200)}`);
    all.push(...page);
    if (page.length < 100) return all;
  }
}
