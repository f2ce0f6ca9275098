// Put in by the build of the package that ships this code, from its package.json (tsup `define`),
// and by the test runners' configs; see scripts/package-defines.ts.
declare const __PACKAGE_NAME__: string;
declare const __PACKAGE_VERSION__: string;

/** The name of the package that ships this code: `stream-tokens`, or `stream-tokens-cli`. */
export const PACKAGE_NAME: string = __PACKAGE_NAME__;
/** That package's version, sent in the User-Agent. */
export const VERSION: string = __PACKAGE_VERSION__;
