// Lets the benchmark read this process's CPU time: each line "cpu" on stdin is answered with one
// JSON line {"cpuMicros": user + system} on stdout.
import { createInterface } from "node:readline";

export function answerCpuProbes() {
  createInterface({ input: process.stdin }).on("line", (line) => {
    if (line.trim() !== "cpu") return;
    const usage = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ cpuMicros: usage.user + usage.system })}\n`);
  });
}
