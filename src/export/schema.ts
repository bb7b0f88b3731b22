import { z } from 'zod';

/** The shape of document.json (schemaVersion 1), as the output contract defines it. */

const bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]);
const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/u);

export const cellSchema = z.object({
  raw: z.string().min(1),
  value: decimalString.nullable(),
  page: z.number().int().positive(),
  bbox,
  confidence: z.number().min(0).max(1).nullable(),
  rowSpan: z.number().int().positive(),
});

export const tableSchema = z.object({
  order: z.number().int().positive(),
  number: z.string().regex(/^\d+(-\d+)*$/u).nullable(),
  title: z.string().min(1),
  kind: z.string().min(1),
  unit: z.string().nullable(),
  unitInferred: z.boolean(),
  pages: z.array(z.number().int().positive()).min(1),
  source: z.enum(['text', 'ocr', 'mixed']),
  method: z.enum(['ruled', 'unruled']),
  quality: z.number().min(0).max(1),
  note: z.string().nullable(),
  columns: z.array(z.object({ key: z.string().min(1), path: z.array(z.string().min(1)).min(1), role: z.string() })),
  rows: z.array(
    z.object({
      label: z.string(),
      codes: z.object({ function: z.string().nullable(), economic: z.string().nullable(), unit: z.string().nullable() }),
      cells: z.record(z.string(), cellSchema),
    }),
  ),
});

const refSchema = z.object({
  table: z.string(),
  kind: z.string(),
  row: z.number().int().positive().nullable(),
  label: z.string().nullable(),
  column: z.string().nullable(),
  page: z.number().int().positive().nullable(),
  bbox: bbox.nullable(),
});

export const validationSchema = z.object({
  summary: z.object({
    run: z.number().int(),
    pass: z.number().int(),
    fail: z.number().int(),
    skipped: z.number().int(),
    rounding: z.number().int(),
  }),
  checks: z.array(
    z.object({
      id: z.string(),
      rule: z.string(),
      status: z.enum(['pass', 'fail', 'skipped']),
      severity: z.enum(['error', 'warning', 'info']),
      refs: z.array(refSchema),
      expected: decimalString.nullable(),
      found: decimalString.nullable(),
      difference: decimalString.nullable(),
      rounding: z.boolean(),
      message: z.string(),
      reason: z.string().nullable(),
    }),
  ),
});

export const documentSchema = z.object({
  schemaVersion: z.literal(1),
  source: z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/u), pages: z.number().int().nonnegative() }),
  document: z.object({
    department: z.string().nullable(),
    year: z.number().int().nullable(),
    kind: z.enum(['budget', 'final']),
    unit: z.string().nullable(),
  }),
  tables: z.array(tableSchema),
  validation: validationSchema,
  corrections: z.array(z.unknown()),
  problems: z.array(z.object({ page: z.number().int(), code: z.string(), message: z.string() })),
  selectedTables: z.array(z.string()),
});

export type DocumentJson = z.infer<typeof documentSchema>;
