import { type RunningServer, startServer } from "stream-tokens-server";
import { CoreClient, type CoreClientOptions } from "../../src/index.js";

export type { RunningServer };
export { startServer };

/** A client for a fresh account of `server`, so that tests never see each other's tokens. */
export function freshClient(server: RunningServer, options: Partial<CoreClientOptions> = {}) {
  const apiTokens = server.createAccount();
  const client = new CoreClient({ apiToken: apiTokens.account, baseUrl: server.url, ...options });
  return { client, tokens: client.streams.tokens, apiTokens };
}

/** A fetch that records each request's method, URL and headers, then sends it unchanged. */
export function recordingFetch() {
  const requests: Request[] = [];
  const recorder: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    requests.push(request.clone());
    return fetch(request);
  };
  return { fetch: recorder, requests };
}
