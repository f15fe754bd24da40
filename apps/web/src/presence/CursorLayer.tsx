import { createSignal, For, type JSX, onCleanup, onMount, Show } from 'solid-js';
import { usePresence } from './createPresence';
import { type FrameBox, screenToShared, sharedToFrame } from './cursorSpace';

/**
 * Partners' cursors over the canvas, and this page's pointer published (throttled) to
 * them. Wraps the topology so the shared space is the frame the picture is drawn in.
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
                const at = () => sharedToFrame(cursor(), box());
                return (
                  <div
                    class="cursor"
                    data-cursor={person.name}
                    style={{
                      '--person': person.colour,
                      transform: `translate(${at().left}px, ${at().top}px)`,
                    }}
                  >
                    <svg width="16" height="20" viewBox="0 0 16 20" aria-hidden="true">
                      <path d="M1 1 L1 16 L5 12 L8 19 L11 18 L8 11 L14 11 Z" />
                    </svg>
                    <span class="cursor-name">{person.name}</span>
                  </div>
                );
              }}
            </Show>
          )}
        </For>
      </div>
    </div>
  );
}
