// Update Stream-Token by id: switch it off (or on).
import { Client } from "stream-tokens";

const tokenId = Number(process.env.STREAM_TOKEN_ID ?? 1);
const client = new Client();
const token = await client.streams.tokens.update(tokenId, { is_active: false });
console.log(token);
