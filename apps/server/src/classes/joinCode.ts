/**
 * Join codes read aloud and projected: six characters from an alphabet without the
 * look-alikes 0/O, 1/l/I (and no lower case at all), shown as `ABC-DEF`; typed in any
 * case, with or without the dash or spaces.
 */
import { randomInt } from 'node:crypto';

export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 6;

export function newJoinCode(): string {
  let code = '';
  for (let index = 0; index < LENGTH; index++)
    code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

/** What a student typed -> the stored form, or undefined if it cannot be a code. */
export function normalizeJoinCode(typed: string): string | undefined {
  const bare = typed.toUpperCase().replace(/[\s-]/g, '');
  if (bare.length !== LENGTH || [...bare].some((char) => !JOIN_CODE_ALPHABET.includes(char)))
    return undefined;
  return `${bare.slice(0, 3)}-${bare.slice(3)}`;
}
