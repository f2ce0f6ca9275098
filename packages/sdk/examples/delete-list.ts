// Delete List of Stream-Tokens: false deletes only temporary tokens, true only permanent ones,
// and leaving `permanent` out deletes all of them.
import { Client } from "stream-tokens";

const client = new Client();
const { response } = await client.streams.tokens.raw.deleteList({ permanent: false });
if (response.status === 204) {
  console.log("Stream-Tokens deleted successfully.");
}
