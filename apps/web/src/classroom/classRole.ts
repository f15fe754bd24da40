/**
 * Who this page is in its class, as `GET /api/classes/:class/me` said: a student (locks
 * apply), the instructor (they do not), or null (no class: the room's own token edits
 * everything). The class banner sets it; the editor reads it to disable locked fields.
 */
import { createSignal } from 'solid-js';

export type ClassRole = 'student' | 'instructor' | null;

const [classRole, setClassRole] = createSignal<ClassRole>(null);

export { classRole, setClassRole };
