/**
 * The frames a client sends before its room has loaded (sync step 1, its first update,
 * awareness): held in arrival order, up to a bound, then handed to the room. Past the
 * bound the connection is closed rather than the server's memory given away.
 */
export const MAX_EARLY_MESSAGES = 64;

export class EarlyMessages {
  private frames: (Uint8Array | string)[] = [];
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** False when the frame would cross the bound (nothing is kept then). */
  push(frame: Uint8Array | string): boolean {
    const size = typeof frame === 'string' ? frame.length : frame.byteLength;
    if (this.frames.length >= MAX_EARLY_MESSAGES || this.bytes + size > this.maxBytes) {
      this.frames = [];
      this.bytes = 0;
      return false;
    }
    this.frames.push(frame);
    this.bytes += size;
    return true;
  }

  /** Every frame held, oldest first; afterwards none is. */
  drain(): (Uint8Array | string)[] {
    const frames = this.frames;
    this.frames = [];
    this.bytes = 0;
    return frames;
  }
}
