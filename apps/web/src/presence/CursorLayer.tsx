import { createSignal, For, type JSX, onCleanup, onMount, Show } from 'solid-js';
import { usePresence } from './createPresence';
import { type FrameBox, screenToShared, sharedToFrame } from './cursorSpace';

/**
 * Partners' cursors over the canvas, and this page's pointer published (throttled) to
 * them, both in the canvas's world units (cursorSpace.ts): a cursor over a VM is over
 * that VM on every screen.
 */
export function CursorLayer(props: { children: JSX.Element }) {
  const presence = usePresence();
  let layer: HTMLDivElement | undefined;
  const [box, setBox] = createSignal<FrameBox>({ left: 0, top: 0, width: 0, height: 0 });
  const measure = () => {
    if (!layer) return box();
    const rect = layer.getBoundingClientRect();
    const next = { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
    setBox(next);
    return next;
  };
  onMount(() => {
    measure();
    const observer = new ResizeObserver(() => measure());
    if (layer) observer.observe(layer);
    onCleanup(() => observer.disconnect());
  });
  const partners = () => presence.people().filter((p) => !p.self && p.cursor);
  return (
    <div
      ref={layer}
      class="cursor-layer"
      onPointerMove={(event) => presence.moveCursor(screenToShared(event.clientX, event.clientY, measure()))}
      onPointerLeave={() => presence.moveCursor(null)}
    >
      {props.children}
      <div class="cursors" aria-hidden="true">
        <For each={partners()}>
          {(person) => (
            <Show when={person.cursor}>
              {(cursor) => {
                // The frame's rectangle read afresh: the page may have scrolled since the last
                // resize. canvasView's transform (read by sharedToFrame) re-runs this on zoom.
                const at = () => {
                  box();
                  return layer ? sharedToFrame(cursor(), layer.getBoundingClientRect()) : null;
                };
                return (
                  <Show when={at()}>
                    {(place) => (
                      <div
                        class="cursor"
                        data-cursor={person.name}
                        style={{
                          '--person': person.colour,
                          transform: `translate(${place().left}px, ${place().top}px)`,
                        }}
                      >
                        <svg width="16" height="20" viewBox="0 0 16 20" aria-hidden="true">
                          <path d="M1 1 L1 16 L5 12 L8 19 L11 18 L8 11 L14 11 Z" />
                        </svg>
                        <span class="cursor-name">{person.name}</span>
                      </div>
                    )}
                  </Show>
                );
              }}
            </Show>
          )}
        </For>
      </div>
    </div>
  );
}
