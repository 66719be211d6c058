import { z } from 'zod';
import type { PersonSearchHit, PersonSourceRecord, SearchMatch, SourceRecordFlag } from '../../../../common/src/schemas/persons.js';
import type { duplicateCheckBody } from '../../../../common/src/schemas/persons.js';
import { parseLooseDate } from '../../../../common/src/validation/dates.js';
import { maskMobile, normalizeMobile } from '../../../../common/src/validation/mobile.js';
import { maskResidentId, parseResidentId } from '../../../../common/src/validation/resident-id.js';
import { normalizePersonName } from '../../../../common/src/validation/text.js';
import type { Ctx } from '../../platform/context.js';
import type { PersonalDataCipher } from '../../platform/personal-data.js';
import type { Executor } from '../../db/database.js';
import { findDuplicateCandidates, queryMatches, searchByCondition, searchByEmployer, searchByTerm, type SearchRow, type SourceRecordRow } from './persons.repository.js';
import { classifyQuery } from './search-terms.js';

// Read-side helpers: the search box, the duplicate warning and the source-record presenter.

function hit(row: SearchRow, matchedBy: SearchMatch): PersonSearchHit {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    birthDate: row.birth_date || null,
    employerName: row.employer_name ?? '',
    post: row.post,
    mobile: row.mobile_masked,
    residentId: row.resident_id_masked,
    unitName: row.unit_name,
    matchedBy,
  };
}

/** One box: name (simplified or traditional), pinyin, initials, mobile or its last 4, ID or its last 6, employer. */
export async function searchPersons(exec: Executor, ctx: Ctx, cipher: PersonalDataCipher, q: string, limit: number): Promise<PersonSearchHit[]> {
  const query = classifyQuery(q);
  if (!query) return [];
  switch (query.kind) {
    case 'residentId':
    case 'residentIdTail':
    case 'mobile':
    case 'mobileTail':
      return (await searchByCondition(exec, ctx, queryMatches(cipher, query), limit)).map((r) => hit(r, query.kind));
    case 'pinyin': {
      const rows = await searchByTerm(exec, ctx, query.value, limit * 3);
      const seen = new Set<number>();
      const out: PersonSearchHit[] = [];
      // Initials are short (zs); a term that is all initials ranks as an initials match.
      for (const r of rows.sort((a, b) => Number(b.term === query.value) - Number(a.term === query.value))) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        out.push(hit(r, r.term.length <= 4 && query.value.length <= 4 ? 'initials' : 'pinyin'));
        if (out.length === limit) break;
      }
      return out;
    }
    case 'text': {
      const byName = await searchByTerm(exec, ctx, query.value, limit * 2);
      const seen = new Set<number>();
      const out: PersonSearchHit[] = [];
      for (const r of byName.sort((a, b) => Number(b.term === query.value) - Number(a.term === query.value))) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        out.push(hit(r, 'name'));
        if (out.length === limit) return out;
      }
      if (query.value.length >= 2) {
        for (const r of await searchByEmployer(exec, ctx, query.value, limit)) {
          if (seen.has(r.id)) continue;
          seen.add(r.id);
          out.push(hit(r, 'employer'));
          if (out.length === limit) break;
        }
      }
      return out;
    }
  }
}

export async function checkDuplicates(exec: Executor, ctx: Ctx, cipher: PersonalDataCipher, body: z.infer<typeof duplicateCheckBody>) {
  const id = body.residentId ? parseResidentId(body.residentId) : null;
  const mobile = body.mobile ? normalizeMobile(body.mobile) : null;
  const birth = body.birthDate ? parseLooseDate(body.birthDate) : null;
  const rows = await findDuplicateCandidates(
    exec,
    ctx,
    {
      residentIdBidx: id?.value ? cipher.blindIndex('residentId', id.value) : null,
      name: body.name ? normalizePersonName(body.name) : null,
      birthDate: birth?.value ?? null,
      mobileBidx: mobile?.valid && mobile.value ? cipher.blindIndex('mobile', mobile.value) : null,
    },
    body.excludeId,
  );
  const idBidx = id?.value ? cipher.blindIndex('residentId', id.value) : null;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    birthDate: r.birth_date || null,
    employerName: r.employer_name ?? '',
    unitName: r.unit_name,
    matchedBy: idBidx && r.resident_id_bidx === idBidx ? ('residentId' as const) : ('nameBirthMobile' as const),
  }));
}

export interface StoredMapping {
  column: number;
  header: string;
  field: string | null;
}

export interface StoredCell {
  h: string;
  v: string;
}

/** Masks what could identify someone in a raw row: mapped ID/mobile columns and anything shaped like one. */
export function maskRawValue(field: string | null, value: string): string {
  if (!value) return value;
  if (field === 'residentId' || /^\s*\d{15,17}[\dXx]\s*$/.test(value)) return maskResidentId(value.trim());
  if (field === 'mobile' || /^\s*(\+?86)?1[3-9]\d{9}\s*$/.test(value.replace(/[\s-]/g, ''))) return maskMobile(value.replace(/\D/g, '').slice(-11));
  return value;
}

export function presentSourceRecord(cipher: PersonalDataCipher, row: SourceRecordRow): PersonSourceRecord {
  const mapping = JSON.parse(row.mapping) as StoredMapping[];
  const cells = JSON.parse(cipher.decrypt(row.raw_enc)) as StoredCell[];
  return {
    id: row.id,
    sourceName: row.source_name,
    batchId: row.batch_id,
    fileName: row.file_name,
    sheetName: row.sheet_name,
    rowNumber: row.row_number,
    linkMethod: row.link_method,
    values: cells.map((c, i) => ({ header: c.h, value: maskRawValue(mapping[i]?.field ?? null, c.v) })),
    flags: (JSON.parse(row.flags) as SourceRecordFlag[]).map((f) => (f.value ? { ...f, value: maskRawValue(f.field, f.value) } : f)),
    importedAt: row.created_at,
  };
}
