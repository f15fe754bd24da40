/**
 * Server-sent events read from a `fetch` body (EventSource cannot send the
 * `Authorization` header the class routes want): the text/event-stream format, as much
 * of it as the progress stream uses — `event`, `data` (lines joined by newlines), `id`,
 * and comment lines (a heartbeat) that carry no event.
 */
export interface StreamEvent {
  readonly event: string;
  readonly data: string;
  readonly id: string | null;
}

/** Splits what arrived into whole events and the unfinished rest (kept for the next chunk). */
export function parseEvents(buffer: string): { events: StreamEvent[]; rest: string } {
  const events: StreamEvent[] = [];
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    let id: string | null = null;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
    if (data.length > 0) events.push({ event, data: data.join('\n'), id });
  }
  return { events, rest };
}

/**
 * Reads a stream's events until it ends or `signal` aborts; `onBytes` hears every chunk
 * (a heartbeat too), so the caller can tell a quiet stream from a dead one.
 */
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: StreamEvent) => void,
  onBytes: () => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    onBytes();
    buffer += decoder.decode(value, { stream: true });
    const parsed = parseEvents(buffer);
    buffer = parsed.rest;
    for (const event of parsed.events) onEvent(event);
  }
}
