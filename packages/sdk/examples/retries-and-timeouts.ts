// Retries and timeouts: per client, and per call.
import { AbortError, Client, TimeoutError } from "stream-tokens";

const client = new Client({
  timeout: 4_000, // per attempt, body included (the default)
  maxRetries: 2, // retries of idempotent calls on connection errors, 408, 429 and 5xx (the default)
  deadline: 15_000, // the whole call, every attempt and wait included (default: none)
});

// Per call: a tighter deadline and a way to cancel.
const controller = new AbortController();
const tokens = await client.streams.tokens.list({ limit: 5 }, { deadline: 2_000, signal: controller.signal });
console.log(`listed ${tokens.length}`);

// A create is never retried unless you say it may be (a retry could make a second token):
const token = await client.streams.tokens.create({}, { retryCreate: true, timeout: 2_000 });
console.log(`created ${token.id}`);

try {
  await client.streams.tokens.get(token.id, {
    timeout: 1_000,
    maxRetries: 0,
    signal: AbortSignal.timeout(5_000),
  });
} catch (error) {
  if (error instanceof TimeoutError) console.log(`no answer within ${error.timeout} ms`);
  else if (error instanceof AbortError) console.log("cancelled by the caller's signal");
  else throw error;
}
