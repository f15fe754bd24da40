/**
 * Which connection speaks for a Yjs (or awareness) client id: the first one to claim it,
 * until it releases it or leaves. An id may be reserved for the server itself, so that
 * no connection can ever claim it.
 */
export const SERVER = Symbol('server');

export type Owner<C> = C | typeof SERVER;

export class ClientOwnership<C> {
  private readonly owners = new Map<number, Owner<C>>();
  private readonly owned = new Map<Owner<C>, Set<number>>();

  ownerOf(id: number): Owner<C> | undefined {
    return this.owners.get(id);
  }

  /** True if `owner` now holds `id`: it was free, or already `owner`'s. */
  claim(id: number, owner: Owner<C>): boolean {
    const current = this.owners.get(id);
    if (current !== undefined) return current === owner;
    this.owners.set(id, owner);
    const ids = this.owned.get(owner) ?? new Set();
    ids.add(id);
    this.owned.set(owner, ids);
    return true;
  }

  reserve(id: number): void {
    this.claim(id, SERVER);
  }

  /** How many ids `owner` holds. */
  count(owner: Owner<C>): number {
    return this.owned.get(owner)?.size ?? 0;
  }

  release(id: number): void {
    const owner = this.owners.get(id);
    if (owner === undefined) return;
    this.owners.delete(id);
    const ids = this.owned.get(owner);
    ids?.delete(id);
    if (ids?.size === 0) this.owned.delete(owner);
  }

  /** Releases every id `owner` holds and returns them. */
  releaseAll(owner: Owner<C>): number[] {
    const ids = [...(this.owned.get(owner) ?? [])];
    for (const id of ids) this.release(id);
    return ids;
  }
}
