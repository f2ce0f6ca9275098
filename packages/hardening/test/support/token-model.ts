import type { StreamToken } from "@stream-tokens/api-types";

/**
 * What the database must hold, built only from the answers the server acknowledged (2xx). After a
 * run, the server's own listing must equal it exactly.
 */
export class TokenModel {
  readonly #tokens = new Map<number, { key: string; isActive: boolean; permanent: boolean }>();

  created(token: StreamToken): void {
    this.#tokens.set(token.id, {
      key: token.key,
      isActive: token.is_active,
      permanent: token.expires === null,
    });
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

  snapshot(): Array<{ id: number; isActive: boolean; permanent: boolean }> {
    return [...this.#tokens]
      .map(([id, token]) => ({ id, isActive: token.isActive, permanent: token.permanent }))
      .sort((a, b) => a.id - b.id);
  }

  #idOfKey(key: string): number | undefined {
    for (const [id, token] of this.#tokens) if (token.key === key) return id;
    return undefined;
  }
}
