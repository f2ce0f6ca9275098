// Rotation: always hand out a valid temporary token, renewed an hour before it expires.
import { Client } from "stream-tokens";
import { TokenRotator } from "stream-tokens/rotator";

const client = new Client();
const rotator = new TokenRotator({
  tokens: client.streams.tokens,
  renewBefore: 60 * 60_000, // the default
  deleteReplaced: true, // delete the old token once its successor exists
});

// Call get() whenever a stream client needs a token: concurrent calls share one renewal.
const [first, second] = await Promise.all([rotator.get(), rotator.get()]);
console.log(`same token: ${first.id === second.id}, expires ${first.expires}`);
