import { useCallback } from 'react';
import { importFieldLabel, importFlagText } from '../../../../common/src/i18n/import-flags.js';
import type { SourceRecordFlag } from '../../../../common/src/schemas/persons.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { importMessages, type ImportMessageKey } from './messages.js';

// Words for the import's row flags ("residentId.checksum"): a short label for tags and the problem
// list, and for the problems users must act on, a hint saying what to do. A code the web app does
// not know yet still reads as "<field label>: <code>".

export interface FlagText {
  /** The problem in a few words, e.g. "Resident ID check digit wrong". */
  label: string;
  /** What to do about it, when there is something to say. */
  hint: string | null;
}

/** "residentId.checksum" → { field: 'residentId', code: 'checksum' }. */
export function splitProblemKey(key: string): { field: string; code: string } {
  const dot = key.indexOf('.');
  return dot < 0 ? { field: key, code: '' } : { field: key.slice(0, dot), code: key.slice(dot + 1) };
}

/** The person field's name in the UI language (the code itself for a field the list lacks). */
export function useFieldLabel(): (field: string) => string {
  const { locale } = useLocale();
  return useCallback((field: string) => importFieldLabel(locale, field), [locale]);
}

export function useFlagText(): {
  text: (flag: Pick<SourceRecordFlag, 'field' | 'code'>) => FlagText;
  /** The label with the offending value, for tags on a row. */
  withValue: (flag: SourceRecordFlag) => string;
} {
  const t = useT(importMessages);
  const { locale } = useLocale();
  const catalog = importMessages['zh-CN'] as Record<string, string>;

  const text = useCallback(
    ({ field, code }: Pick<SourceRecordFlag, 'field' | 'code'>): FlagText => {
      const hintKey = `hint.${field}.${code}`;
      const label = importFlagText(locale, field, code);
      const hint = hintKey in catalog ? t(hintKey as ImportMessageKey) : code === 'unknown' && !field.endsWith('Community') ? t('hint.unknown') : null;
      return { label, hint };
    },
    [t, locale, catalog],
  );

  const withValue = useCallback(
    (flag: SourceRecordFlag) => {
      const { label } = text(flag);
      return flag.value ? t('flag.withValue', { message: label, value: flag.value }) : label;
    },
    [text, t],
  );

  return { text, withValue };
}
