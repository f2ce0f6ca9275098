/**
 * The quick profile runs in `pnpm test`; `pnpm test:stress` sets STREAM_TOKENS_STRESS=1 for the
 * long one. Every loop in this suite is bounded by these numbers.
 */
const stress = process.env.STREAM_TOKENS_STRESS === "1";

export const profile = stress
  ? { hostileRequests: 100_000, sdkBadArguments: 50_000, concurrentClients: 32, killRounds: 40 }
  : {
      hostileRequests: 10_000,
      sdkBadArguments: 10_000,
      concurrentClients: 12,
      killRounds: 8,
    };
