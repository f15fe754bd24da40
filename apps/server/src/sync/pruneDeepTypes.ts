/**
 * Older data may hold Y types nested thousands deep (stored before the lab limits).
 * Yjs deletes and garbage-collects a type recursively, so no one — not a client, not the
 * server — could ever delete such a chain: the stack overflows first. On load, the part
 * deeper than `cutDepth` is cut away, bottom-up in steps that each recurse at most
 * `step` levels. What stays (still deeper than the limit) is diagnosed and deletable.
 */
import * as Y from 'yjs';

export const PRUNE_CUT_DEPTH = 256;
const STEP = 128;

// biome-ignore lint/suspicious/noExplicitAny: Yjs types its roots as AbstractType<YEvent<any>>
type AnyType = Y.AbstractType<any>;

interface Node {
  readonly type: AnyType;
  readonly depth: number;
}

/** How many types were cut; 0 (and no write) when nothing is that deep. */
export function pruneDeepTypes(doc: Y.Doc, origin: unknown, cutDepth = PRUNE_CUT_DEPTH): number {
  const deep: Node[] = [];
  const stack: Node[] = [];
  for (const root of doc.share.values()) stack.push({ type: root, depth: 1 });
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.depth > cutDepth) deep.push(node);
    for (const child of childTypes(node.type)) {
      stack.push({ type: child, depth: node.depth + 1 });
    }
  }
  if (deep.length === 0) return 0;
  const deepest = Math.max(...deep.map((node) => node.depth));
  // From the bottom up: once everything below `level + STEP` is gone, deleting the nodes
  // at `level` recurses at most STEP levels.
  for (let level = deepest - ((deepest - cutDepth - 1) % STEP); level > cutDepth; level -= STEP) {
    const batch = deep.filter((node) => node.depth === level);
    doc.transact((transaction) => {
      for (const node of batch) removeFromParent(node, transaction);
    }, origin);
  }
  const cut = deep.filter((node) => node.depth === cutDepth + 1);
  doc.transact((transaction) => {
    for (const node of cut) removeFromParent(node, transaction);
  }, origin);
  return deep.length;
}

/**
 * A type's child types, read from its items: a root named only by an update is a bare
 * AbstractType (neither Y.Map nor Y.Array until someone asks for it by kind).
 */
function childTypes(type: AnyType): AnyType[] {
  const children: AnyType[] = [];
  const take = (item: Y.Item | null) => {
    if (item && !item.deleted && item.content instanceof Y.ContentType) children.push(item.content.type);
  };
  for (const item of type._map.values()) take(item);
  for (let item = type._start; item !== null; item = item.right) take(item);
  return children;
}

function removeFromParent(node: Node, transaction: Y.Transaction): void {
  const item = node.type._item;
  if (item && !item.deleted) item.delete(transaction);
}
