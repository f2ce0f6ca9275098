// Delete Token by id. Resolves with nothing on success (the API answers 204); fails with an error.
import { Client } from "stream-tokens";

const tokenId = Number(process.env.STREAM_TOKEN_ID ?? 1);
const client = new Client();
await client.streams.tokens.delete(tokenId);
console.log("Stream-Token deleted successfully.");
