/**
 * Freezes a value read or parsed once and then shared from one read to the next
 * (LabReader, labParser): whoever would mutate it fails at once, not in a later read.
 * Iterative: a lab is at most READ_DEPTH deep, but wide.
 */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    if (typeof top !== 'object' || top === null || Object.isFrozen(top)) continue;
    Object.freeze(top);
    for (const member of Array.isArray(top) ? top : Object.values(top)) stack.push(member);
  }
  return value;
}
