// The baseline: a bare node:http server answering one fixed JSON body. Prints {"url"} when ready.
import { createServer } from "node:http";
import { answerCpuProbes } from "./cpu-probe.mjs";

const body = Buffer.from(process.argv[2] ?? '{"ok":true}');
const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": body.length });
  res.end(body);
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`);
});
answerCpuProbes();
process.on("SIGTERM", () => server.close(() => process.exit(0)));
