/** The library's version, sent in the User-Agent. Kept in step with packages/sdk/package.json. */
export const VERSION = "0.1.0";
