import type { KindFilter } from "./token-view.js";

/** A request (or a few) the UI waits for; the status line words it (messages.ts). */
export type Job =
  | { kind: "load"; filter: KindFilter; first: boolean }
  | { kind: "refresh"; auto: boolean }
  | { kind: "create"; permanent: boolean }
  | { kind: "setActive"; ids: readonly number[]; active: boolean }
  | { kind: "delete"; ids: readonly number[] }
  | { kind: "deleteList"; filter: KindFilter; count: number }
  | { kind: "replaceCreate"; oldId: number; oldLive: boolean }
  | { kind: "replaceDelete"; oldId: number; freshId: number | undefined }
  | { kind: "countPermanent" }
  | { kind: "connect"; context: string };
