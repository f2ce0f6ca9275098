import type { StreamToken } from "@stream-tokens/api-types";

/** What the model compares of a token: its id, whether it is active, whether it is permanent. */
export interface ModelToken {
  id: number;
  isActive: boolean;
  permanent: boolean;
}

const modelToken = (token: StreamToken): ModelToken => ({
  id: token.id,
  isActive: token.is_active,
  permanent: token.expires === null,
});

const byId = (a: ModelToken, b: ModelToken) => a.id - b.id;

/**
 * What the database must hold, built only from the answers the server acknowledged (2xx). After a
 * run, the server's own listing must equal it exactly.
 */
export class TokenModel {
  readonly #tokens = new Map<number, ModelToken & { key: string }>();

  /** Tokens the way snapshot() gives the model's: to compare the server's own listing with it. */
  static project(tokens: readonly StreamToken[]): ModelToken[] {
    return tokens.map(modelToken).sort(byId);
  }

  created(token: StreamToken): void {
    this.#tokens.set(token.id, { ...modelToken(token), key: token.key });
  }

  updated(token: StreamToken): void {
    const known = this.#tokens.get(token.id);
    if (!known) throw new Error(`the server updated token ${token.id}, which no acknowledged create made`);
    known.isActive = token.is_active;
  }

  /** A 204 for DELETE of one path segment: an all-digits segment is an id, anything else a key. */
  deletedOne(segment: string): void {
    const id = /^\d+$/.test(segment) ? Number(segment) : this.#idOfKey(segment);
    if (id === undefined || !this.#tokens.delete(id))
      throw new Error(`the server acknowledged deleting ${JSON.stringify(segment)}, which did not exist`);
  }

  deletedList(permanent: boolean | undefined): void {
    for (const [id, token] of this.#tokens) {
      if (permanent === undefined || token.permanent === permanent) this.#tokens.delete(id);
    }
  }

  segments(): string[] {
    return [...this.#tokens].flatMap(([id, token]) => [String(id), token.key]);
  }

  snapshot(): ModelToken[] {
    return [...this.#tokens.values()]
      .map(({ id, isActive, permanent }) => ({ id, isActive, permanent }))
      .sort(byId);
  }

  #idOfKey(key: string): number | undefined {
    for (const [id, token] of this.#tokens) if (token.key === key) return id;
    return undefined;
  }
}
