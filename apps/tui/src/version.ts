// Put in from package.json by the build (tsup `define`) and by the test config; see
// scripts/package-defines.ts.
declare const __PACKAGE_VERSION__: string;

/** The CLI's version, as `stream-tokens --version` prints it. */
export const VERSION: string = __PACKAGE_VERSION__;
