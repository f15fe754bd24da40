/**
 * A client's update against the lab limits, read before it is applied: the depth at
 * which each of its structs would live (a nested Y.Map, a plain value nested inside a
 * value), its strings and keys, the roots and client ids it would add. Whatever root
 * it touches (`lab`, `layout`, `console` …) the same bounds hold.
 *
 * It reads only the update's own structs and, for what they hang from, walks up at most
 * `maxDepth` parents in the document: its cost follows the update, not the document.
 * Nothing recurses: a chain of 100,000 nested maps in one update is a loop.
 */
import { checkJsonValue, type LabLimits } from '@vnetlab/shared';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { DecodedUpdate } from './inspectUpdate';

export interface DocBounds {
  /** Root types a document may have (`lab`, `layout`, `console` …). */
  readonly maxRoots: number;
  /** Yjs client ids a document may hold (every transaction of Yjs costs one step per id). */
  readonly maxClientIds: number;
}

type ID = Y.ID;

/**
 * Before decoding: an update opens with the number of clients it carries structs for, so
 * one under far more client ids than any document may hold (100,000 ids in 2.3 MB, which
 * takes Yjs most of a second to decode) is refused from its first bytes. Up to twice the
 * cap it is decoded (a few milliseconds): a document of an earlier generation carries up
 * to the cap of old ids, and the write guard must see them to name the true reason
 * (4409) before `checkUpdateLimits` counts them against the cap (4424).
 */
export function precheckUpdate(update: Uint8Array, bounds: DocBounds): string | undefined {
  let clients: number;
  try {
    clients = decoding.readVarUint(decoding.createDecoder(update));
  } catch {
    return undefined; // not even a number: decoding refuses it next
  }
  return clients > 2 * bounds.maxClientIds
    ? `an update under ${clients} client ids, at most ${bounds.maxClientIds}`
    : undefined;
}

/** Why the update crosses a bound, or undefined when it fits. */
export function checkUpdateLimits(
  decoded: DecodedUpdate,
  doc: Y.Doc,
  lab: LabLimits,
  bounds: DocBounds,
): string | undefined {
  const items = decoded.structs.filter((struct): struct is Y.Item => struct instanceof Y.Item);
  const depths = new ContainerDepths(items, doc, lab.maxDepth);
  const newRoots = new Set<string>();
  const newClients = new Set<number>();
  for (const item of items) {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      if (parent.length > lab.maxKeyLength) {
        return `a root name of ${parent.length} characters, at most ${lab.maxKeyLength}`;
      }
      if (!doc.share.has(parent)) newRoots.add(parent);
    }
    if (Y.getState(doc.store, item.id.client) === 0) newClients.add(item.id.client);
    if (item.parentSub !== null && item.parentSub.length > lab.maxKeyLength) {
      return `a key of ${item.parentSub.length} characters, at most ${lab.maxKeyLength}`;
    }
    const depth = depths.of(item);
    if (depth === undefined) continue; // hangs from something not here: Yjs keeps it pending, and it is dropped
    const problem = checkContent(item.content, depth, lab);
    if (problem) return problem;
  }
  if (doc.share.size + newRoots.size > bounds.maxRoots) {
    return `${doc.share.size + newRoots.size} root types, at most ${bounds.maxRoots}`;
  }
  if (doc.store.clients.size + newClients.size > bounds.maxClientIds) {
    return `${doc.store.clients.size + newClients.size} client ids, at most ${bounds.maxClientIds}`;
  }
  return undefined;
}

/** `depth`: that of the container the content is stored in (a root is 1). */
function checkContent(content: Y.Item['content'], depth: number, lab: LabLimits): string | undefined {
  if (content instanceof Y.ContentType) {
    return depth + 1 > lab.maxDepth ? `a type nested more than ${lab.maxDepth} deep` : undefined;
  }
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
    for (const value of content.arr) {
      const problem = checkJsonValue(value, depth + 1, lab);
      if (problem) return problem;
    }
    return undefined;
  }
  if (content instanceof Y.ContentString) {
    return content.str.length > lab.maxStringLength
      ? `a string of ${content.str.length} characters, at most ${lab.maxStringLength}`
      : undefined;
  }
  if (content instanceof Y.ContentBinary) {
    return content.content.byteLength > lab.maxStringLength
      ? `${content.content.byteLength} bytes of binary, at most ${lab.maxStringLength}`
      : undefined;
  }
  if (content instanceof Y.ContentEmbed) return checkJsonValue(content.embed, depth + 1, lab);
  if (content instanceof Y.ContentFormat) return checkJsonValue([content.key, content.value], depth + 1, lab);
  if (content instanceof Y.ContentDoc) return 'a subdocument (rooms have none)';
  return undefined; // ContentDeleted
}

/**
 * The depth of the container each item of the update lives in. An item names its parent
 * (a root, or the item holding a type) or, when it has neighbours, only them: its parent
 * is theirs. Chains inside the update are followed with an explicit stack and memoized.
 */
class ContainerDepths {
  private readonly byClient = new Map<number, Y.Item[]>();
  private readonly memo = new Map<Y.Item, number | undefined>();

  constructor(
    items: readonly Y.Item[],
    private readonly doc: Y.Doc,
    private readonly maxDepth: number,
  ) {
    for (const item of items) {
      const list = this.byClient.get(item.id.client) ?? [];
      list.push(item);
      this.byClient.set(item.id.client, list);
    }
  }

  of(start: Y.Item): number | undefined {
    if (this.memo.has(start)) return this.memo.get(start);
    // Most items (a key of a root, a value beside one already seen) are one step from a
    // known depth: no chain to build.
    const first = this.step(start);
    if (first.kind === 'known') {
      this.memo.set(start, first.depth);
      return first.depth;
    }
    if (first.item === start) return undefined; // a cycle: Yjs could not integrate it either
    if (this.memo.has(first.item)) {
      const base = this.memo.get(first.item);
      const depth = base === undefined ? undefined : base + first.plus;
      this.memo.set(start, depth);
      return depth;
    }
    // Walk on to something whose depth is known, remembering each step's increment
    // (the first step is taken already).
    const chain: { item: Y.Item; plus: number }[] = [{ item: start, plus: first.plus }];
    const onChain = new Set<Y.Item>([start]);
    let current = first.item;
    let base: number | undefined;
    for (;;) {
      if (this.memo.has(current)) {
        base = this.memo.get(current);
        break;
      }
      const step = this.step(current);
      if (step.kind === 'known') {
        base = step.depth;
        this.memo.set(current, base);
        break;
      }
      onChain.add(current);
      if (onChain.has(step.item)) return undefined; // a cycle: Yjs could not integrate it either
      chain.push({ item: current, plus: step.plus });
      current = step.item;
    }
    // Unwind: each item's depth is its successor's plus its step.
    let depth = base;
    for (let i = chain.length - 1; i >= 0; i--) {
      const link = chain[i] as { item: Y.Item; plus: number };
      depth = depth === undefined ? undefined : depth + link.plus;
      this.memo.set(link.item, depth);
    }
    return this.memo.get(start);
  }

  private step(
    item: Y.Item,
  ): { kind: 'known'; depth: number | undefined } | { kind: 'via'; item: Y.Item; plus: number } {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { kind: 'known', depth: 1 };
    if (parent instanceof Y.ID) return this.resolve(parent, 1);
    const neighbour = item.origin ?? item.rightOrigin;
    if (neighbour) return this.resolve(neighbour, 0);
    return { kind: 'known', depth: undefined };
  }

  /** `plus` 1: `id` holds the type the item lives in; 0: `id` is a neighbour in the same container. */
  private resolve(id: ID, plus: number): ReturnType<ContainerDepths['step']> {
    const inUpdate = this.findInUpdate(id);
    if (inUpdate) return { kind: 'via', item: inUpdate, plus };
    const inDoc = this.findInDoc(id);
    if (!inDoc) return { kind: 'known', depth: undefined };
    if (plus === 1) {
      const type = inDoc.content instanceof Y.ContentType ? inDoc.content.type : undefined;
      return { kind: 'known', depth: type ? this.typeDepth(type) : undefined };
    }
    return { kind: 'known', depth: this.typeDepth(inDoc.parent as Y.AbstractType<unknown>) };
  }

  /** A type of the document: 1 for a root, counting up at most past the limit. */
  private typeDepth(type: Y.AbstractType<unknown> | null): number | undefined {
    if (!type) return undefined;
    let depth = 1;
    let current: Y.AbstractType<unknown> = type;
    while (current._item && depth <= this.maxDepth + 1) {
      current = current._item.parent as Y.AbstractType<unknown>;
      depth++;
    }
    return depth;
  }

  private findInUpdate(id: ID): Y.Item | undefined {
    const list = this.byClient.get(id.client);
    if (!list) return undefined;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const item = list[mid] as Y.Item;
      if (id.clock < item.id.clock) high = mid - 1;
      else if (id.clock >= item.id.clock + item.length) low = mid + 1;
      else return item;
    }
    return undefined;
  }

  private findInDoc(id: ID): Y.Item | undefined {
    if (Y.getState(this.doc.store, id.client) <= id.clock) return undefined;
    const struct = Y.getItem(this.doc.store, id);
    return struct instanceof Y.Item ? struct : undefined;
  }
}
