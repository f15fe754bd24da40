/**
 * The text-only shortcut: a lab that differs from the last one computed only in the
 * fields people read (TEXT_FIELDS: the title or the exercise text typed letter by
 * letter, a translation, the locked paths) gets the last computation's sections back,
 * without the limit walk over the whole lab, the parse and its cross-checks, the
 * engine's hand-off to a worker, or the results' encoding (the room's budget sees the
 * same sections object and keeps its answer). An edit of the layout (another root of
 * the document) leaves the lab the same object: the same shortcut.
 *
 * It answers what the full path would: the engine never reads these fields (EngineMemo,
 * labEngine.test.ts), no check across fields reads them, and each changed one is still
 * checked, by its own schema and by the limits (its strings, depth, keys, and the lab's
 * size, which adds up field by field: `measureLab`). Anything else — a field that does
 * not parse, a limit crossed, the last lab not valid — takes the full path, whose
 * diagnostics say why. Unchanged fields are told by identity: the room's LabReader
 * hands out the same frozen object for every top-level field nobody touched.
 */
import { type JsonObject, LAB_LIMITS, type LabLimits, labFileSchema, measureLab } from '@vnetlab/shared';
import { ENGINE_FAILED, INVALID_LAB, type ResultsSections, TEXT_FIELDS } from './evaluate';

const textFields = new Set<string>(TEXT_FIELDS);
const fieldSchemas = labFileSchema.shape as Record<
  string,
  { safeParse(value: unknown): { readonly success: boolean } }
>;

/** Diagnostics that mean the sections are not the engine's answer to the lab. */
const NOT_COMPUTED = new Set([INVALID_LAB, ENGINE_FAILED]);

export class TextOnlyEdits {
  private last:
    | { readonly lab: JsonObject; readonly sections: ResultsSections; bytes: number | undefined }
    | undefined;

  constructor(private readonly limits: LabLimits = LAB_LIMITS) {}

  /** The last sections, when `lab` differs from the lab they were computed for only in valid texts. */
  reuse(lab: JsonObject): ResultsSections | undefined {
    const last = this.last;
    if (!last) return undefined;
    if (lab === last.lab) return last.sections;
    // Both labs' keys without building their union (a hostile lab has thousands).
    const changed: string[] = [];
    const differs = (key: string) => lab[key] !== last.lab[key];
    for (const key of Object.keys(last.lab)) if (differs(key)) changed.push(key);
    for (const key of Object.keys(lab)) if (!Object.hasOwn(last.lab, key) && differs(key)) changed.push(key);
    if (changed.some((key) => !textFields.has(key))) return undefined;
    let bytes = last.bytes ?? measureLab(last.lab, this.limits).bytes;
    for (const key of changed) {
      const value = lab[key];
      if (value !== undefined) {
        if (!fieldSchemas[key]?.safeParse(value).success) return undefined;
        const measured = measureLab({ [key]: value }, this.limits);
        if (measured.errors.length > 0) return undefined;
        bytes += measured.bytes - 2;
      }
      const before = last.lab[key];
      if (before !== undefined) bytes -= measureLab({ [key]: before }, this.limits).bytes - 2;
    }
    if (bytes > this.limits.maxLabBytes) return undefined;
    this.last = { lab, sections: last.sections, bytes };
    return last.sections;
  }

  /** A full computation's answer for `lab`: the next text-only edit reuses it, if it is the engine's. */
  remember(lab: JsonObject, sections: ResultsSections): void {
    const computed = !sections.diagnostics.some((entry) =>
      NOT_COMPUTED.has(String((entry as { code?: unknown } | null)?.code)),
    );
    this.last = computed ? { lab, sections, bytes: undefined } : undefined;
  }
}
