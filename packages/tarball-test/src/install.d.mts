export const PUBLIC_PACKAGES: {
  readonly library: { readonly dir: "packages/sdk"; readonly name: "stream-tokens" };
  readonly cli: { readonly dir: "apps/tui"; readonly name: "stream-tokens-cli" };
  readonly server: { readonly dir: "apps/server"; readonly name: "stream-tokens-server" };
};
export type PublicPackage = keyof typeof PUBLIC_PACKAGES;

/** The environment of a user's shell: without pnpm's npm_config_* (but npm_config_nodedir). */
export function userEnv(): NodeJS.ProcessEnv;

/** Runs a command to its end and returns its stdout; a failure carries what it printed. */
export function sh(
  command: string,
  args: readonly string[],
  options?: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<string>;

/** `pnpm pack` of each public package (workspace: ranges become versions), into `dir`. */
export function packAll(dir: string): Promise<Record<PublicPackage, string>>;

/** A fresh project (its own package.json, no workspace) with `specs` installed by plain npm. */
export function installProject(dir: string, specs: readonly string[]): Promise<void>;

/**
 * `specs` installed with `npm install -g` into a fresh prefix. `nativeFrom`: a project where
 * better-sqlite3 is already compiled for this Node; install scripts are then skipped and its build
 * copied, so that the native addon compiles once per run.
 */
export function installGlobal(prefix: string, specs: readonly string[], nativeFrom?: string): Promise<void>;

/** The installed size of a folder in bytes (`du -sk`). */
export function sizeOf(dir: string): Promise<number>;
