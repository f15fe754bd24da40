/**
 * Close codes the server ends a sync connection with. 4400–4499 are final: the stock
 * y-websocket client does not reconnect after them (DESIGN.md, "Known ground").
 * Shaped after Hocuspocus' CloseEvents.
 */
export interface CloseEvent {
  readonly code: number;
  readonly reason: string;
}

export const InvalidMessage = { code: 4400, reason: 'Invalid message' } as const satisfies CloseEvent;
export const Unauthorized = { code: 4401, reason: 'Unauthorized' } as const satisfies CloseEvent;
export const Forbidden = { code: 4403, reason: 'Forbidden' } as const satisfies CloseEvent;
export const RoomNotFound = { code: 4404, reason: 'Room not found' } as const satisfies CloseEvent;
export const MessageTooBig = { code: 4413, reason: 'Message too big' } as const satisfies CloseEvent;
export const UnsupportedData = {
  code: 4415,
  reason: 'Text frames are not supported',
} as const satisfies CloseEvent;
export const TooManyMessages = { code: 4429, reason: 'Too many messages' } as const satisfies CloseEvent;
/** An update that would cross the lab limits (LAB_LIMITS in shared: depth, strings, roots, client ids). */
export const LabLimitExceeded = { code: 4424, reason: 'Lab limits exceeded' } as const satisfies CloseEvent;
export const DocumentTooLarge = { code: 4422, reason: 'Document too large' } as const satisfies CloseEvent;
/** Not final (1013): it could not keep up; it reconnects and resyncs. */
export const SlowConsumer = { code: 1013, reason: 'Too far behind' } as const satisfies CloseEvent;
/** The store refused a write: the room unloads and clients reconnect to what is on disk. */
export const StorageFailed = {
  code: 1011,
  reason: 'Storage failed, reconnect',
} as const satisfies CloseEvent;
/** Not final: the room could not be loaded (the store failed); the client retries. */
export const RoomFailedToLoad = { code: 1011, reason: 'Room failed to load' } as const satisfies CloseEvent;
/**
 * Not final (1013): the client sent more than a connection may while its room was still
 * loading (they are held in memory until it has); it reconnects and resyncs.
 */
export const LoadBacklog = {
  code: 1013,
  reason: 'Too much sent while the room loads',
} as const satisfies CloseEvent;
/**
 * Not final (1013, "try again later"): an update writes under a client id another live
 * connection owns. It may be this client's own earlier socket, not yet known dead; once
 * that one is gone, the reconnected client's edits are accepted.
 */
export const ClientIdInUse = { code: 1013, reason: 'Client id in use' } as const satisfies CloseEvent;
/** Not final (1001): clients reconnect, to this process once it is back or to another. */
export const ServerShuttingDown = {
  code: 1001,
  reason: 'Server shutting down',
} as const satisfies CloseEvent;

export function isFinal(code: number): boolean {
  return code >= 4400 && code < 4500;
}
