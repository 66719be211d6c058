import { z } from 'zod';
import { pageOf } from './common.js';
import { AUDIT_OUTCOMES } from '../dictionaries/audit-outcomes.js';


export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  requestId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const isoDateTime = z.string().datetime({ offset: true, message: 'field.dateTime' });

export const auditQuery = z.object({
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  objectType: z.string().trim().max(64).optional(),
  objectId: z.string().trim().max(64).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuery>;
export const auditListResponse = pageOf(auditEntrySchema);

export const auditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadSeq: z.number().int().nullable(),
  problem: z.enum(['hashMismatch', 'gap', 'linkBroken']).nullable(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;
