// Runs the local server in its own process for the benchmark, so that client and server do not
// share one event loop. Answers IPC messages: { insert: { apiToken, count } } and { create: true }.
import { startServer } from "@stream-tokens/server";

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
