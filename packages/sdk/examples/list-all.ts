// Paging: every token, fetched lazily 100 at a time, each yielded once.
import { Client, isExpired, isPermanent, timeLeft } from "stream-tokens";

const client = new Client();
let count = 0;
for await (const token of client.streams.tokens.listAll({ permanent: false })) {
  count++;
  if (isExpired(token)) console.log(`${token.id} has expired`);
  else if (!isPermanent(token))
    console.log(`${token.id} expires in ${Math.round((timeLeft(token) ?? 0) / 60_000)} min`);
}
console.log(`${count} temporary tokens`);

// Or collect them, at most `max`:
const firstFifty = await client.streams.tokens.listAll().toArray({ max: 50 });
console.log(`collected ${firstFifty.length}`);
