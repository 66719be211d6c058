import { z } from 'zod';
import { sourceRecordFlag } from './persons.js';

// The person-list import: upload → detected header and column mapping → preview with every row's
// problems → commit as one all-or-nothing job → result with a downloadable error file.

export const SOURCE_KINDS = ['memberUnit', 'platform', 'town', 'other'] as const;

export const sourceSchema = z.object({ id: z.number().int(), name: z.string(), kind: z.enum(SOURCE_KINDS), batchCount: z.number().int() });
export const sourceListResponse = z.object({ items: z.array(sourceSchema) });
export type Source = z.infer<typeof sourceSchema>;

export const BATCH_STATUSES = ['draft', 'queued', 'committed', 'failed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const importBatchSchema = z.object({
  id: z.number().int(),
  sourceId: z.number().int(),
  sourceName: z.string(),
  fileName: z.string(),
  sheetName: z.string(),
  /** 1-based spreadsheet row of the header. */
  headerRow: z.number().int(),
  status: z.enum(BATCH_STATUSES),
  totalRows: z.number().int(),
  createdRows: z.number().int(),
  linkedRows: z.number().int(),
  flaggedRows: z.number().int(),
  skippedRows: z.number().int(),
  refusedRows: z.number().int(),
  errorFileId: z.number().int().nullable(),
  jobId: z.number().int().nullable(),
  error: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
});
export type ImportBatch = z.infer<typeof importBatchSchema>;

export const importBatchListResponse = z.object({ items: z.array(importBatchSchema), nextCursor: z.string().nullable() });

export const ROW_KINDS = ['data', 'blank', 'total', 'repeatedHeader', 'note'] as const;
export const ROW_OUTCOMES = ['ok', 'flagged', 'refused', 'skipped'] as const;
export type RowOutcome = (typeof ROW_OUTCOMES)[number];

export const previewRow = z.object({
  rowNumber: z.number().int(),
  kind: z.enum(ROW_KINDS),
  outcome: z.enum(ROW_OUTCOMES),
  name: z.string(),
  flags: z.array(sourceRecordFlag),
  /** The row as read, one entry per column; resident IDs and mobiles masked. */
  cells: z.array(z.string()),
});
export type PreviewRow = z.infer<typeof previewRow>;

export const MAPPING_CONFIDENCES = ['exact', 'synonym', 'fuzzy', 'none', 'user'] as const;

export const previewColumn = z.object({
  column: z.number().int(),
  header: z.string(),
  field: z.string().nullable(),
  confidence: z.enum(MAPPING_CONFIDENCES),
  samples: z.array(z.string()),
});

export const importPreviewSchema = z.object({
  batch: importBatchSchema,
  sheets: z.array(z.object({ name: z.string(), rows: z.number().int() })),
  encoding: z.string().nullable(),
  columns: z.array(previewColumn),
  totals: z.object({
    rows: z.number().int(),
    data: z.number().int(),
    ok: z.number().int(),
    flagged: z.number().int(),
    refused: z.number().int(),
    skipped: z.number().int(),
    validIds: z.number().int(),
    /** Rows whose valid ID already belongs to a person in the registry (they will be linked). */
    existing: z.number().int(),
  }),
  /** Counts per problem, e.g. {"residentId.checksum": 3}. */
  problems: z.record(z.string(), z.number().int()),
  rows: z.array(previewRow),
  rowsTotal: z.number().int(),
  alreadyCommitted: z.object({ batchId: z.number().int(), at: z.string() }).nullable(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const uploadQuery = z.object({
  fileName: z.string().trim().min(1, { message: 'field.required' }).max(255),
  source: z.string().trim().min(1, { message: 'import.sourceRequired' }).max(100),
});

export const previewQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  filter: z.enum(['all', 'problems']).default('all'),
  /** Only rows with this problem, e.g. `residentId.checksum`. */
  problem: z.string().max(60).optional(),
});

export const mappingBody = z.object({
  sheet: z.string().max(100).optional(),
  /** 1-based spreadsheet row of the header. */
  headerRow: z.number().int().min(1).max(1000).optional(),
  mapping: z.array(z.object({ column: z.number().int().min(0).max(500), field: z.string().max(40).nullable() })).max(500).optional(),
});
export type MappingBody = z.infer<typeof mappingBody>;

export const commitResponse = z.object({ jobId: z.number().int(), batchId: z.number().int() });

export interface ImportJobResult {
  batchId: number;
  created: number;
  linked: number;
  flagged: number;
  skipped: number;
  refused: number;
  errorFileId: number | null;
}
