import { describe, expect, it } from 'vitest';
import { parseEvents, readEvents, type StreamEvent } from './eventStream';

describe('parseEvents', () => {
  it('reads whole events and keeps the unfinished rest', () => {
    const { events, rest } = parseEvents(
      'event: progress\nid: 1\ndata: {"a":1}\n\n: ping\n\ndata: x\ndata: y\n\nevent: pro',
    );
    expect(events).toEqual([
      { event: 'progress', data: '{"a":1}', id: '1' },
      { event: 'message', data: 'x\ny', id: null },
    ]);
    expect(rest).toBe('event: pro');
  });
  it('takes CRLF line ends as well', () => {
    expect(parseEvents('event: progress\r\ndata: 2\r\n\r\n').events).toEqual([
      { event: 'progress', data: '2', id: null },
    ]);
  });
});

describe('readEvents', () => {
  it('puts events split across chunks back together', async () => {
    const chunks = [
      'event: progress\nda',
      'ta: {"n":1}\n',
      '\n: ping\n\n',
      'event: progress\ndata: {"n":2}\n\n',
    ];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    const seen: StreamEvent[] = [];
    let bytes = 0;
    await readEvents(
      body,
      (event) => seen.push(event),
      () => bytes++,
    );
    expect(seen.map((event) => event.data)).toEqual(['{"n":1}', '{"n":2}']);
    expect(bytes).toBe(4);
  });
});
