import * as z from 'zod';

/**
 * The draft form of a return schema: what a lead may save before finishing. Every field becomes
 * optional, formats and patterns give way to plain length-limited text (a half-typed date is still
 * worth keeping), the variants of a union merge into one object, and unknown fields and oversize
 * input are still refused. Derived from the submission schema so the two cannot drift apart.
 *
 * A draft keeps a date exactly as the lead typed it until it can be read (validation belongs to
 * submitting): a date of a GOV.UK date input may be its three boxes as typed, and a date with its
 * precision (FuzzyDate) may be the words typed ("Q3 2025").
 */
const DEFAULT_MAX_TEXT = 20_000;

/** A date typed in a GOV.UK date input that cannot be read yet: each box as typed. */
export const TypedDateParts = z
  .object({ day: z.string().max(20), month: z.string().max(20), year: z.string().max(20) })
  .strict()
  .meta({ id: 'TypedDateParts', description: 'A date typed in day, month and year boxes, kept as typed in a draft.' });

/** A date with its precision that cannot be read yet: the words typed. */
export const TypedDateText = z
  .string()
  .max(200)
  .describe('A date as typed ("Q3 2025"), kept in a draft until it can be read as a FuzzyDate.');

const isFuzzyDate = (schema: z.ZodType) => z.globalRegistry.get(schema)?.id === 'FuzzyDate';

type Def = {
  type: string;
  format?: string;
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

function mergeObjects(options: z.ZodType[], typedParts = true): z.ZodType {
  const fields = new Map<string, z.ZodType[]>();
  for (const option of options) {
    for (const [key, value] of Object.entries(defOf(option).shape ?? {})) {
      fields.set(key, [...(fields.get(key) ?? []), typedParts ? draftOf(value) : draftWith(value, false)]);
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
  // A date with its precision, or a union that offers one (the reply's dates): the FuzzyDate, or the words typed.
  const fuzzy = isFuzzyDate(schema) ? schema : def.type === 'union' ? def.options?.find(isFuzzyDate) : undefined;
  if (fuzzy) return z.union([mergeObjects(defOf(fuzzy).options ?? [], false), TypedDateText]);
  return draftWith(schema, true);
}

/** `typedParts`: a 'YYYY-MM-DD' date may be kept as its typed boxes (not the value inside a FuzzyDate). */
function draftWith(schema: z.ZodType, typedParts: boolean): z.ZodType {
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
    case 'string': {
      const plain = z.string().max(maximumOf(schema) ?? DEFAULT_MAX_TEXT);
      return def.format === 'date' && typedParts ? z.union([plain, TypedDateParts]) : plain;
    }
    case 'literal':
      return (def.values ?? []).every((v) => typeof v === 'boolean') ? z.boolean() : schema;
    default:
      return schema;
  }
}
