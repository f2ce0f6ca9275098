/** The path and version of a Node 24 binary, installed first when it is missing. */
export function node24(): { binary: string; version: string };

/** Runs `node <args>` on Node 24 with inherited output; throws unless it exits with 0. */
export function runOnNode24(args: readonly string[], options?: { cwd?: string }): void;
