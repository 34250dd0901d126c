import * as z from 'zod';

/**
 * The draft form of a return schema: what a lead may save before finishing. Every field becomes
 * optional, formats and patterns give way to plain length-limited text (a half-typed date is still
 * worth keeping), the variants of a union merge into one object, and unknown fields and oversize
 * input are still refused. Derived from the submission schema so the two cannot drift apart.
 */
const DEFAULT_MAX_TEXT = 20_000;

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  element?: z.ZodType;
  innerType?: z.ZodType;
  values?: unknown[];
  entries?: Record<string, string>;
  checks?: { _zod: { def: { check: string; maximum?: number } } }[];
};

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

function maximumOf(schema: z.ZodType): number | undefined {
  return defOf(schema).checks?.find((c) => c._zod.def.check === 'max_length')?._zod.def.maximum;
}

function mergeObjects(options: z.ZodType[]): z.ZodType {
  const fields = new Map<string, z.ZodType[]>();
  for (const option of options) {
    for (const [key, value] of Object.entries(defOf(option).shape ?? {})) {
      fields.set(key, [...(fields.get(key) ?? []), draftOf(value)]);
    }
  }
  return z
    .object(
      Object.fromEntries(
        [...fields].map(([key, variants]) => {
          const merged =
            variants.length === 1 ? variants[0]! : z.union(variants as [z.ZodType, z.ZodType, ...z.ZodType[]]);
          return [key, merged.optional()];
        }),
      ),
    )
    .strict();
}

export function draftOf(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return mergeObjects([schema]);
    case 'union':
      return (def.options ?? []).every((o) => defOf(o).type === 'object')
        ? mergeObjects(def.options ?? [])
        : z.union((def.options ?? []).map(draftOf) as [z.ZodType, z.ZodType, ...z.ZodType[]]);
    case 'array':
      return z.array(draftOf(def.element as z.ZodType)).max(maximumOf(schema) ?? 1000);
    case 'optional':
    case 'nullable':
      return draftOf(def.innerType as z.ZodType);
    case 'string':
      return z.string().max(maximumOf(schema) ?? DEFAULT_MAX_TEXT);
    case 'literal':
      return (def.values ?? []).every((v) => typeof v === 'boolean') ? z.boolean() : schema;
    default:
      return schema;
  }
}
