// The raw Response next to the data: every method has a twin under `raw`.
import { Client } from "stream-tokens";

const client = new Client();
const { data, response, attempts } = await client.streams.tokens.raw.create();
console.log(response.status, response.headers.get("content-type"), attempts);
console.log(data.key.slice(0, 3));
