// List Stream-Tokens: one page, optionally filtered by permanence.
import { Client } from "stream-tokens";

const client = new Client(); // reads NEUROIO_API_TOKEN (and NEUROIO_API_URL)
const tokens = await client.streams.tokens.list({ permanent: false, limit: 10, offset: 5 });
console.log(tokens); // an array of tokens
