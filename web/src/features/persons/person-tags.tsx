import type { ReactNode } from 'react';
import { Space, Tag, Tooltip } from 'antd';
import type { Locale } from '../../../../common/src/i18n/locale.js';
import { dictLabel, type Dictionary } from '../../../../common/src/dictionaries/dictionary.js';
import {
  PERSON_GROUPS,
  PERSON_STATUS,
  PERSON_SUB_GROUPS,
  REP_LEVELS,
  groupOfSubGroup,
} from '../../../../common/src/dictionaries/person-dictionaries.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { personMessages, type PersonMessageKey } from './messages.js';

// Dictionary helpers and the coloured tags of the person registry (status, representative level,
// groups), shared by the list, the detail page and the form.

/** Descriptions labels: antd draws them in 45% black, which fails WCAG AA contrast; 60% passes. */
export const LABEL_STYLE = { color: 'rgba(0, 0, 0, 0.6)' } as const;

/** What separates tags typed in one go: comma, full-width comma, enumeration comma. */
export const TAG_SEPARATORS = [',', '\uff0c', '\u3001'];
/** How the server joins list values (groups, tags) in the change history: the enumeration comma. */
export const LIST_JOINER = '\u3001';

export interface Option {
  value: string;
  label: string;
}

export function dictOptions(dict: Dictionary, locale: Locale): Option[] {
  return dict.entries.map((e) => ({ value: e.code, label: locale === 'en-US' ? e.en : e.zh }));
}

// Tag colours whose text passes WCAG AA (4.5:1) on its pale background. Of antd's presets only blue,
// geekblue, purple and magenta do; the others are drawn here one shade darker.
type Tone = { color: string; background: string; borderColor: string };
const TONES: Record<string, Tone | string> = {
  blue: 'blue',
  geekblue: 'geekblue',
  purple: 'purple',
  magenta: 'magenta',
  processing: 'processing',
  amber: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  teal: { color: '#006d75', background: '#e6fffb', borderColor: '#87e8de' },
  volcano: { color: '#ad2102', background: '#fff2e8', borderColor: '#ffbb96' },
};

function ToneTag({ tone, children }: { tone: string; children: ReactNode }) {
  const look = TONES[tone] ?? 'default';
  return typeof look === 'string' ? <Tag color={look}>{children}</Tag> : <Tag style={look}>{children}</Tag>;
}

const STATUS_COLORS: Record<string, string> = { active: 'success', moved: 'warning', left: 'default', deceased: 'default' };
const REP_TONES: Record<string, string> = { reserve: 'processing', representative: 'amber', key: 'volcano' };
const GROUP_TONES: Record<string, string> = {
  enterprise: 'blue',
  intermediary: 'purple',
  freelance: 'amber',
  new_media: 'magenta',
  new_employment: 'teal',
};

export function StatusTag({ status }: { status: string }) {
  const { locale } = useLocale();
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{dictLabel(PERSON_STATUS, status, locale)}</Tag>;
}

/** The representative level; nothing for 'none'. */
export function RepLevelTag({ level }: { level: string }) {
  const { locale } = useLocale();
  if (!level || level === 'none') return null;
  return <ToneTag tone={REP_TONES[level] ?? 'default'}>{dictLabel(REP_LEVELS, level, locale)}</ToneTag>;
}

/** A group code's short name: the sub-group's name, or the group's short name. */
export function useGroupName(): (code: string) => string {
  const t = useT(personMessages);
  const { locale } = useLocale();
  return (code: string) => {
    if (code.includes('.')) return dictLabel(PERSON_SUB_GROUPS, code, locale);
    const key = `groupShort.${code}` as PersonMessageKey;
    const short = t(key);
    return short === key ? dictLabel(PERSON_GROUPS, code, locale) : short;
  };
}

/** A group code's full name: "group · sub-group". */
export function groupFullName(code: string, locale: Locale): string {
  const group = dictLabel(PERSON_GROUPS, groupOfSubGroup(code), locale);
  return code.includes('.') ? `${group} · ${dictLabel(PERSON_SUB_GROUPS, code, locale)}` : group;
}

export function GroupTags({ groups }: { groups: string[] }) {
  const { locale } = useLocale();
  const name = useGroupName();
  if (!groups.length) return null;
  return (
    <Space size={[0, 4]} wrap>
      {groups.map((code) => (
        <Tooltip key={code} title={groupFullName(code, locale)}>
          <span>
            <ToneTag tone={GROUP_TONES[groupOfSubGroup(code)] ?? 'default'}>{name(code)}</ToneTag>
          </span>
        </Tooltip>
      ))}
    </Space>
  );
}

export function PlainTags({ tags }: { tags: string[] }) {
  if (!tags.length) return null;
  return (
    <Space size={[0, 4]} wrap>
      {tags.map((tag) => (
        <Tag key={tag}>{tag}</Tag>
      ))}
    </Space>
  );
}

/** Options for the groups picker: each group (itself, "no sub-group") with its sub-groups. */
export function groupPickerOptions(locale: Locale, wholeLabel: (name: string) => string) {
  return PERSON_GROUPS.entries.map((g) => {
    const name = locale === 'en-US' ? g.en : g.zh;
    return {
      label: name,
      title: name,
      options: [
        { value: g.code, label: wholeLabel(name) },
        ...PERSON_SUB_GROUPS.entries
          .filter((s) => groupOfSubGroup(s.code) === g.code)
          .map((s) => ({ value: s.code, label: locale === 'en-US' ? s.en : s.zh })),
      ],
    };
  });
}

/** Sub-group options grouped by group (only the chosen groups' when some are chosen). */
export function subGroupOptions(locale: Locale, groups?: string[]) {
  return PERSON_GROUPS.entries
    .filter((g) => !groups?.length || groups.includes(g.code))
    .map((g) => ({
      label: locale === 'en-US' ? g.en : g.zh,
      title: locale === 'en-US' ? g.en : g.zh,
      options: PERSON_SUB_GROUPS.entries
        .filter((s) => groupOfSubGroup(s.code) === g.code)
        .map((s) => ({ value: s.code, label: locale === 'en-US' ? s.en : s.zh })),
    }));
}
