// Get Stream-Token by id (or by key).
import { Client } from "stream-tokens";

const tokenId = Number(process.env.STREAM_TOKEN_ID ?? 1);
const client = new Client();
const token = await client.streams.tokens.get(tokenId);
console.log(token);
