import type { AuditVerifyResult } from '../../../../common/src/schemas/audit.js';
import { auditRowHash, GENESIS_HASH } from '../../platform/audit.js';
import type { Executor } from '../../db/database.js';
import { auditBatch, auditHead } from './audit.repository.js';

const BATCH = 2000;

/**
 * Walks the chain from the first row: each row's hash must match its content, each row must
 * point at the previous row's hash, sequence numbers must have no gaps, and the last row must be
 * the head. A changed row fails its hash; a deleted row leaves a gap or a broken link.
 */
export async function verifyAuditChain(exec: Executor, onProgress?: (checked: number, total: number) => Promise<void>): Promise<AuditVerifyResult> {
  const head = await auditHead(exec);
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await auditBatch(exec, expectedSeq - 1, BATCH);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== expectedSeq) return { ok: false, checked, firstBadSeq: expectedSeq, problem: 'gap' };
      if (row.prev_hash !== prevHash) return { ok: false, checked, firstBadSeq: row.seq, problem: 'linkBroken' };
      if (auditRowHash(row) !== row.hash) return { ok: false, checked, firstBadSeq: row.seq, problem: 'hashMismatch' };
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    await onProgress?.(checked, head.seq);
  }
  if (checked !== head.seq || prevHash !== head.hash) return { ok: false, checked, firstBadSeq: checked + 1, problem: 'gap' };
  return { ok: true, checked, firstBadSeq: null, problem: null };
}
