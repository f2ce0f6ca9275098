// Runs the local server in its own process for the benchmark, so that client and server do not
// share one event loop. Sends { url, apiTokens } once it listens, then answers IPC messages:
// { account: true } with { account } (a new account's API tokens), { insert: { apiToken, count } }
// with { inserted: count } once those temporary tokens exist, and { close: true } by closing the
// server and exiting.
import { startServer } from "stream-tokens-server";

const server = await startServer({ seed: true });
process.on("message", (message) => {
  if (message?.insert) {
    server.insertTemporaryTokens(message.insert.apiToken, message.insert.count);
    process.send?.({ inserted: message.insert.count });
  } else if (message?.account) {
    process.send?.({ account: server.createAccount() });
  } else if (message?.close) {
    server.close().then(() => process.exit(0));
  }
});
// Never outlive the benchmark, even when it crashes.
process.on("disconnect", () => process.exit(0));
process.send?.({ url: server.url, apiTokens: server.apiTokens });
