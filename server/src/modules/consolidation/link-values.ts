import type { StoredMapping } from '../imports/import-analysis.js';
import { splitEmployerAndPost } from '../imports/row-parse.js';
import type { RawRecord } from './linkage/types.js';

import type { StoredCell } from '../persons/persons.search.js';

export type { StoredCell };

/**
 * What the linkage engine reads from one stored row: the values as the department wrote them,
 * found through the batch's column mapping. Nothing is cleaned here; the engine normalises.
 */
export function linkValues(key: number, source: number, mapping: StoredMapping[], cells: StoredCell[]): RawRecord {
  const first = (field: string): string | null => {
    for (let i = 0; i < mapping.length; i++) {
      if (mapping[i]?.field === field) {
        const v = cells[i]?.v?.trim();
        if (v) return v;
      }
    }
    return null;
  };
  const combined = first('employerAndPost');
  return {
    key,
    source,
    name: first('name') ?? '',
    gender: first('gender'),
    birthDate: first('birthDate'),
    residentId: first('residentId'),
    mobile: first('mobile'),
    employer: first('employer') ?? (combined ? splitEmployerAndPost(combined).employer || null : null),
    town: first('workTown') ?? first('residenceTown'),
  };
}
