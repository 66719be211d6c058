import { z } from 'zod';
import { nonBlank } from './common.js';

// Consolidation: linkage runs, the review queue of doubtful pairs, merges and their undo (split).

export const LINK_RUN_STATUSES = ['running', 'succeeded', 'failed'] as const;

export const linkRunSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['full', 'incremental']),
  status: z.enum(LINK_RUN_STATUSES),
  pendingRecords: z.number().int(),
  existingRecords: z.number().int(),
  linkedRecords: z.number().int(),
  mergedPersons: z.number().int(),
  createdPersons: z.number().int(),
  reviewPairs: z.number().int(),
  personsBefore: z.number().int(),
  personsAfter: z.number().int(),
  error: z.string().nullable(),
  startedByName: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type LinkRun = z.infer<typeof linkRunSchema>;

export const linkRunsResponse = z.object({
  items: z.array(linkRunSchema),
  /** Source records imported since the last run: what the next run will link. */
  pendingRecords: z.number().int(),
  /** A run queued or running now (its job id), so the page can follow it instead of starting another. */
  activeJobId: z.number().int().nullable(),
});

export const startRunResponse = z.object({ jobId: z.number().int() });

export const PAIR_STATUSES = ['review', 'same', 'different', 'skipped'] as const;
export type PairStatus = (typeof PAIR_STATUSES)[number];

/** One field's part in a pair's match weight. */
export const contributionSchema = z.object({ field: z.string(), level: z.string(), weight: z.number() });
export type Contribution = z.infer<typeof contributionSchema>;

/** One side of a pair: the source record as read (IDs and mobiles masked) and the person it sits on. */
export const pairSideSchema = z.object({
  recordId: z.number().int(),
  personId: z.number().int().nullable(),
  personName: z.string().nullable(),
  sourceName: z.string(),
  fileName: z.string(),
  rowNumber: z.number().int(),
  /** The values the engine compares, as read: name, gender, birthDate, residentId, mobile, employer, town. */
  values: z.record(z.string(), z.string()),
});
export type PairSide = z.infer<typeof pairSideSchema>;

export const reviewPairSchema = z.object({
  id: z.number().int(),
  weight: z.number(),
  status: z.enum(PAIR_STATUSES),
  contributions: z.array(contributionSchema),
  a: pairSideSchema,
  b: pairSideSchema,
  /** True when both records already sit on one person (nothing to merge). */
  samePerson: z.boolean(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type ReviewPair = z.infer<typeof reviewPairSchema>;

export const reviewQuery = z.object({
  status: z.enum(PAIR_STATUSES).default('review'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const reviewPageResponse = z.object({ items: z.array(reviewPairSchema), total: z.number().int(), nextCursor: z.string().nullable() });

export const DECISIONS = ['same', 'different', 'skip'] as const;
export type Decision = (typeof DECISIONS)[number];

export const decisionBody = z.object({ decision: z.enum(DECISIONS) });
export const decisionResponse = z.object({ pair: reviewPairSchema, mergeId: z.number().int().nullable() });

export const bulkAcceptBody = z.object({ minWeight: z.number().min(-100).max(200) });
export const bulkAcceptResponse = z.object({ accepted: z.number().int(), merged: z.number().int() });

export const mergeBody = z.object({ otherId: z.number().int().positive(), reason: nonBlank(500) });
export const undoBody = z.object({ reason: nonBlank(500) });

export const personMergeSchema = z.object({
  id: z.number().int(),
  survivorId: z.number().int(),
  mergedId: z.number().int(),
  mergedName: z.string(),
  method: z.enum(['consolidation', 'manual']),
  reason: z.string(),
  recordCount: z.number().int(),
  actorName: z.string(),
  at: z.string(),
  undoneAt: z.string().nullable(),
  undoneByName: z.string().nullable(),
});
export type PersonMerge = z.infer<typeof personMergeSchema>;
export const personMergesResponse = z.object({ items: z.array(personMergeSchema) });
export const mergeResponse = z.object({ mergeId: z.number().int(), survivorId: z.number().int() });
export const undoResponse = z.object({ survivorId: z.number().int(), restoredId: z.number().int() });

/** The true headcount: distinct persons (after consolidation) in the caller's scope, cut several ways. */
export const countByCode = z.object({ code: z.string().nullable(), count: z.number().int() });
export const headcountSchema = z.object({
  total: z.number().int(),
  byGroup: z.array(countByCode),
  bySubGroup: z.array(countByCode),
  byIndustry: z.array(countByCode),
  byTown: z.array(z.object({ townId: z.number().int().nullable(), name: z.string().nullable(), count: z.number().int() })),
  byStatus: z.array(countByCode),
  /** Per source unit: the persons its lists name, how many of them no other source names, and its share of the total. */
  sources: z.array(
    z.object({ id: z.number().int(), name: z.string(), persons: z.number().int(), unique: z.number().int(), coverage: z.number(), uniqueShare: z.number() }),
  ),
  /** Persons no list names (entered by hand). */
  registryOnly: z.number().int(),
  /** Persons named by both sources of each pair (a < b). */
  overlap: z.array(z.object({ a: z.number().int(), b: z.number().int(), persons: z.number().int() })),
  pendingRecords: z.number().int(),
  lastRunAt: z.string().nullable(),
  /** Since the latest annual survey opened: persons added, and its verified outcomes (in scope). */
  sinceSurvey: z
    .object({
      campaignId: z.number().int(),
      name: z.string(),
      openedAt: z.string(),
      added: z.number().int(),
      pending: z.number().int(),
      confirmed: z.number().int(),
      moved: z.number().int(),
      left: z.number().int(),
      deceased: z.number().int(),
    })
    .nullable(),
});
export type Headcount = z.infer<typeof headcountSchema>;
