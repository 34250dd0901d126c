import { LAYOUT_ATTRIBUTES, type Key } from '../dynamodb/keys';

/**
 * A single table in memory, laid out exactly as the DynamoDB table (the same keys and index attributes,
 * from ../dynamodb/keys), with the integrity DynamoDB gives the adapters: a conditional write that fails
 * changes nothing, and a transaction applies all of its writes or none. Every step of a write checks and
 * applies within one turn of the event loop, so concurrent callers see each write whole, as with DynamoDB.
 * Items are copied in and out, so no caller can change what is stored by holding on to an object.
 */
export type Item = Record<string, unknown> & { PK: string; SK: string };

/** One item's write: its condition on the item as stored, and the item it leaves (undefined deletes). */
export interface Step {
  key: Key;
  condition?: (item: Item | undefined) => boolean;
  /** Receives a copy of the stored item, which it may change and return. */
  apply: (item: Item | undefined) => Item | undefined;
}

/** What DynamoDB throws when a single conditional write fails. */
export class ConditionalCheckFailedError extends Error {
  override readonly name = 'ConditionalCheckFailedException';
}

/** What DynamoDB throws when a transaction is cancelled: one reason per item, in order. */
export class TransactionCanceledError extends Error {
  override readonly name = 'TransactionCanceledException';
  constructor(readonly CancellationReasons: { Code: string }[]) {
    super(`Transaction cancelled [${CancellationReasons.map((r) => r.Code).join(', ')}]`);
  }
}

/** What DynamoDB throws for a request it cannot carry out (two steps on one item, arithmetic on nothing). */
export class ValidationError extends Error {
  override readonly name = 'ValidationException';
}

/** A copy as DynamoDB stores it (document client with removeUndefinedValues): undefined fields dropped. */
export function copy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => copy(v)) as T;
  if (value instanceof Set) return new Set([...value].map((v) => copy(v))) as T;
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(value)) if (v !== undefined) out[name] = copy(v);
  return out as T;
}

/** The entity without the table's layout attributes (as ../dynamodb/table-client toEntity). */
export function toEntity<T>(item: Item | undefined): T | undefined {
  if (!item) return undefined;
  const entity: Record<string, unknown> = { ...item };
  for (const attribute of LAYOUT_ATTRIBUTES) delete entity[attribute];
  return entity as T;
}

/** A step that writes an item, only if none is stored under its key when `ifNew` (attribute_not_exists). */
export function putStep(item: Item, ifNew = false): Step {
  return {
    key: { PK: item.PK, SK: item.SK },
    ...(ifNew ? { condition: (stored: Item | undefined) => stored === undefined } : {}),
    apply: () => item,
  };
}

/**
 * A step that changes an item. Without a condition it creates the item when there is none, as a
 * DynamoDB update does; `change` may throw ValidationError for arithmetic on a missing attribute.
 */
export function updateStep(
  key: Key,
  change: (item: Item) => void,
  condition?: (item: Item | undefined) => boolean,
): Step {
  return {
    key,
    ...(condition ? { condition } : {}),
    apply: (stored) => {
      const item = stored ?? { PK: key.PK, SK: key.SK };
      change(item);
      return item;
    },
  };
}

export const exists = (item: Item | undefined): item is Item => item !== undefined;

const id = (key: Key) => `${key.PK}\u0000${key.SK}`;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface IndexQuery {
  /** Only items whose index sort key is at most this (`GSI2SK <= :upTo`). */
  upTo?: string;
  descending?: boolean;
  limit?: number;
}

export class MemoryTable {
  private readonly partitions = new Map<string, Map<string, Item>>();

  private stored(key: Key): Item | undefined {
    return this.partitions.get(key.PK)?.get(key.SK);
  }

  private commit(key: Key, item: Item | undefined): void {
    let partition = this.partitions.get(key.PK);
    if (item) {
      if (!partition) this.partitions.set(key.PK, (partition = new Map()));
      partition.set(key.SK, copy({ ...item, PK: key.PK, SK: key.SK }));
    } else if (partition) {
      partition.delete(key.SK);
      if (!partition.size) this.partitions.delete(key.PK);
    }
  }

  get(key: Key): Item | undefined {
    const item = this.stored(key);
    return item && copy(item);
  }

  /** One conditional write; throws ConditionalCheckFailedError when the condition fails. Returns the new item. */
  write(step: Step): Item | undefined {
    const stored = this.stored(step.key);
    if (step.condition && !step.condition(stored))
      throw new ConditionalCheckFailedError('The conditional request failed');
    const next = step.apply(stored && copy(stored));
    this.commit(step.key, next);
    return next && copy(next);
  }

  /** All steps or none; throws TransactionCanceledError with a reason per step when any condition fails. */
  transact(steps: Step[]): void {
    const seen = new Set<string>();
    for (const step of steps) {
      if (seen.has(id(step.key)))
        throw new ValidationError('Transaction request cannot include multiple operations on one item');
      seen.add(id(step.key));
    }
    const stored = steps.map((step) => this.stored(step.key));
    const codes = steps.map((step, i) =>
      !step.condition || step.condition(stored[i]) ? 'None' : 'ConditionalCheckFailed',
    );
    if (codes.some((code) => code !== 'None')) throw new TransactionCanceledError(codes.map((Code) => ({ Code })));
    // Every new item is worked out before any is stored, so a step that throws leaves nothing half done.
    const next = steps.map((step, i) => {
      const item = stored[i];
      return step.apply(item && copy(item));
    });
    steps.forEach((step, i) => this.commit(step.key, next[i]));
  }

  /** The items of a partition, by sort key, optionally only those whose sort key begins with `prefix`. */
  query(pk: string, options: { prefix?: string; descending?: boolean; limit?: number } = {}): Item[] {
    const partition = this.partitions.get(pk);
    if (!partition) return [];
    const prefix = options.prefix ?? '';
    const items = [...partition.values()].filter((item) => item.SK.startsWith(prefix));
    items.sort((a, b) => compare(a.SK, b.SK) * (options.descending ? -1 : 1));
    return items.slice(0, options.limit ?? items.length).map((item) => copy(item));
  }

  /** A global secondary index: only items that carry both of its key attributes are in it. */
  queryIndex(index: 'GSI1' | 'GSI2', pk: string, options: IndexQuery = {}): Item[] {
    const pkName = `${index}PK`;
    const skName = `${index}SK`;
    const items: Item[] = [];
    for (const partition of this.partitions.values()) {
      for (const item of partition.values()) {
        const sort = item[skName];
        if (item[pkName] !== pk || typeof sort !== 'string') continue;
        if (options.upTo !== undefined && sort > options.upTo) continue;
        items.push(item);
      }
    }
    items.sort(
      (a, b) =>
        (compare(a[skName] as string, b[skName] as string) || compare(id(a), id(b))) * (options.descending ? -1 : 1),
    );
    return items.slice(0, options.limit ?? items.length).map((item) => copy(item));
  }

  /** Every item (for tests and benchmarks that check what is stored). */
  scan(): Item[] {
    return [...this.partitions.values()].flatMap((partition) => [...partition.values()].map((item) => copy(item)));
  }
}
