/**
 * Coalesces a burst of document changes into one recomputation per frame.
 *
 * Forty people typing in a room send the page forty updates a second, often several
 * inside one frame; mirroring the whole lab into the page on each would run the schema,
 * the canvas and every list once per update and the page would fall ever further behind.
 * The first change after a quiet frame runs at once (a single remote edit is painted in
 * the frame it arrives in); changes that follow within the same frame run once, together,
 * at the next animation frame. `flush()` runs a pending one now: a reader that needs the
 * very latest state (an event handler right after its own write) gets it.
 */
export interface FrameBatch {
  /** Something changed. */
  readonly changed: () => void;
  /** Runs the pending recomputation, if any, now. */
  readonly flush: () => void;
  readonly dispose: () => void;
}

export interface FrameClock {
  readonly request: (run: () => void) => () => void;
}

/** The browser's frames, with a timer beside them: a hidden tab gets no frames at all. */
export const browserFrames: FrameClock = {
  request: (run) => {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      run();
    };
    const frame = requestAnimationFrame(once);
    const timer = setTimeout(once, 100);
    return () => {
      done = true;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  },
};

export function frameBatch(recompute: () => void, clock: FrameClock = browserFrames): FrameBatch {
  let open = false; // a frame has started since the last recomputation ran
  let pending = false;
  let cancel: (() => void) | null = null;
  const endOfFrame = () => {
    cancel = null;
    open = false;
    if (pending) {
      pending = false;
      recompute();
      open = true;
      cancel = clock.request(endOfFrame);
    }
  };
  return {
    changed: () => {
      if (open) {
        pending = true;
        return;
      }
      recompute();
      open = true;
      cancel = clock.request(endOfFrame);
    },
    flush: () => {
      if (!pending) return;
      pending = false;
      recompute();
    },
    dispose: () => {
      cancel?.();
      cancel = null;
      pending = false;
    },
  };
}
