/** Structured log lines: one JSON object per event, on stderr by default. */
export type Logger = (event: string, fields?: Record<string, unknown>) => void;

export const stderrLogger: Logger = (event, fields = {}) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), event, ...fields })}\n`);
};

export const silentLogger: Logger = () => {};

/** The same logger, with `fields` on every line (a room's id on its channels' lines). */
export function withFields(log: Logger, fields: Record<string, unknown>): Logger {
  return (event, more = {}) => log(event, { ...fields, ...more });
}
