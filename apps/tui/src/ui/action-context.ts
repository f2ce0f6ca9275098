import type { StreamToken } from "@stream-tokens/api-types";
import type { TokenService } from "../token-service.js";
import type { UiEvent, UiState } from "./state.js";
import type { Jobs } from "./use-jobs.js";
import type { TokenList } from "./use-token-list.js";

/** The contexts the `C` switcher offers, and how to switch. */
export interface ContextChoice {
  names: readonly string[];
  current: string;
  /** Resolves once the UI shows the other context; rejects (with the reason) when it cannot connect. */
  switchTo(name: string): Promise<void>;
}

/** What the screen shows now, derived from the state and the tokens. */
export interface View {
  shown: readonly StreamToken[];
  cursor: number;
  selected: StreamToken | undefined;
  /** Token rows in the table. */
  tableRows: number;
  detailToken: StreamToken | undefined;
  helpScrollLimit: number;
}

export interface ActionContext {
  state: UiState;
  view: View;
  dispatch(event: UiEvent): void;
  list: TokenList;
  jobs: Jobs;
  service: TokenService;
  quit(): void;
  copyToClipboard(text: string): void;
  contexts: ContextChoice | undefined;
}

export type ActionHandler = (context: ActionContext) => void;
