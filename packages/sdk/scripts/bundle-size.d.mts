export interface BundleBytes {
  min: number;
  gzip: number;
}
export function bundleSize(source: string, external?: readonly string[]): BundleBytes;
export const BUNDLES: {
  readonly entry: string;
  readonly entryAndRotator: string;
  readonly clientOnly: string;
};
export const GOAL_BYTES: number;
