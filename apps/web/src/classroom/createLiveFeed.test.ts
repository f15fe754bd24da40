import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import type { Reply } from './classApi';
import { createLiveFeed, type LiveFeed } from './createLiveFeed';

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

function streamOf(chunks: string[], keepOpen: boolean): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      if (!keepOpen) controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

function feed(open: (signal: AbortSignal) => Promise<Response>, ask: () => Promise<Reply<number>>) {
  let made: LiveFeed<number> | undefined;
  const dispose = createRoot((dispose) => {
    made = createLiveFeed({
      open,
      ask,
      parse: (data) => Number(data),
      event: 'progress',
      pollMs: 10,
      retryStreamMs: 30,
      quietMs: 60_000,
    });
    return dispose;
  });
  return { feed: made as LiveFeed<number>, dispose };
}

describe('createLiveFeed', () => {
  it('takes the value from the stream’s events', async () => {
    let asked = 0;
    const { feed: live, dispose } = feed(
      async () => streamOf(['event: progress\ndata: 1\n\n', ': alive\n\nevent: progress\ndata: 2\n\n'], true),
      async () => ({ ok: true, value: ++asked }),
    );
    await until(() => live.value() === 2);
    expect(live.transport()).toBe('stream');
    expect(live.state().kind).toBe('live');
    expect(asked).toBe(0);
    dispose();
  });

  it('polls while the stream fails, and goes back to the stream when it comes back', async () => {
    let opens = 0;
    let asked = 0;
    const { feed: live, dispose } = feed(
      async () => {
        opens++;
        if (opens === 1) throw new Error('no stream here');
        return streamOf(['event: progress\ndata: 100\n\n'], true);
      },
      async () => ({ ok: true, value: ++asked }),
    );
    await until(() => live.transport() === 'poll' && (live.value() ?? 0) >= 1);
    expect(live.state().kind).toBe('live');
    await until(() => live.value() === 100);
    expect(live.transport()).toBe('stream');
    const polled = asked;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(asked).toBe(polled); // no polling while the stream is up
    dispose();
  });

  it('a reply that answers after the stream’s newer event does not overwrite it (the dashboard froze after a broadcast)', async () => {
    let push: (chunk: string) => void = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (chunk) => controller.enqueue(new TextEncoder().encode(chunk));
      },
    });
    const replies: ((reply: Reply<number>) => void)[] = [];
    const { feed: live, dispose } = feed(
      async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
      () => new Promise((resolve) => replies.push(resolve)),
    );
    await until(() => live.transport() === 'stream');
    // An instructor's action asks at once (the students are still reconnecting) …
    const refreshed = live.refresh();
    await until(() => replies.length === 1);
    // … the stream then sends the newer state (they are back) …
    push('event: progress\ndata: 2\n\n');
    await until(() => live.value() === 2);
    // … and the request's older answer arrives last: the stream's value stays.
    replies[0]?.({ ok: true, value: 1 });
    await refreshed;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(live.value()).toBe(2);
    // While the stream delivers, a refresh asks nothing: the stream's next event is the news.
    await live.refresh();
    expect(replies).toHaveLength(1);
    push('event: progress\ndata: 3\n\n');
    await until(() => live.value() === 3);
    dispose();
  });

  it('a refused token is final', async () => {
    let asked = 0;
    const { feed: live, dispose } = feed(
      async () => new Response('{}', { status: 403 }),
      async () => ({ ok: true, value: ++asked }),
    );
    await until(() => live.state().kind === 'refused');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(asked).toBe(0);
    dispose();
  });
});
