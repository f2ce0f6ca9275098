// Create Token: a new temporary (default) or permanent stream token.
import { Client } from "stream-tokens";

const client = new Client({ apiToken: process.env.NEUROIO_API_TOKEN, baseUrl: process.env.NEUROIO_API_URL });
const token = await client.streams.tokens.create({ permanent: true });
console.log(token);
