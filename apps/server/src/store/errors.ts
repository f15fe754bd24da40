/**
 * A store that cannot be reached (PostgreSQL down, the network cut) throws this, so the
 * server can say so: HTTP 503, sync connections closed with StorageUnavailable (not
 * final: clients come back once it is reachable again), rather than a 500 or a crash.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

export function isStoreUnavailable(error: unknown): boolean {
  return error instanceof StoreUnavailableError;
}
