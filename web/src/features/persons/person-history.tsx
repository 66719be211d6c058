import type { ReactNode } from 'react';
import { Button, Empty, Flex, Skeleton, Tag, Timeline, Tooltip, Typography } from 'antd';
import { FileExcelOutlined, UserOutlined } from '@ant-design/icons';
import dayjs from '../../lib/dayjs.js';
import relativeTime from 'dayjs/plugin/relativeTime';
import type { PersonHistoryEntry } from '../../../../common/src/schemas/persons.js';
import type { Locale } from '../../../../common/src/i18n/locale.js';
import { dictLabel, type Dictionary } from '../../../../common/src/dictionaries/dictionary.js';
import {
  DEGREE,
  EDUCATION,
  EMPLOYER_KINDS,
  ETHNICITY,
  GENDER,
  INDUSTRIES,
  PERSON_STATUS,
  POLITICAL,
  REP_LEVELS,
} from '../../../../common/src/dictionaries/person-dictionaries.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { formatDateTime } from '../../components/format.js';
import { LoadErrorAlert } from '../../components/load-error-alert.js';
import { usePersonHistory } from './api.js';
import { personMessages, type PersonMessageKey } from './messages.js';
import { LIST_JOINER, groupFullName } from './person-tags.js';

dayjs.extend(relativeTime);

// The change history of a person as a timeline: the changes made at one moment by one user (or one
// spreadsheet row) form one event, with the actor or source and a relative time.

const DICT_FIELDS: Record<string, Dictionary> = {
  gender: GENDER,
  ethnicity: ETHNICITY,
  political: POLITICAL,
  political2: POLITICAL,
  education: EDUCATION,
  degree: DEGREE,
  employerKind: EMPLOYER_KINDS,
  employerIndustry: INDUSTRIES,
  repLevel: REP_LEVELS,
  status: PERSON_STATUS,
};

/** A stored history value in words: dictionary codes translated, group codes named. */
export function historyValue(field: string, value: string | null, locale: Locale): string | null {
  if (value === null || value === '') return null;
  const dict = DICT_FIELDS[field];
  if (dict) return dictLabel(dict, value, locale);
  if (field === 'groups') return value.split(LIST_JOINER).map((code) => groupFullName(code, locale)).join(LIST_JOINER);
  return value;
}

/** History rows that record a merge into this person or its undo, with the other person as the value. */
const MERGE_FIELDS = new Set(['merged', 'split']);

interface HistoryEvent {
  key: number;
  at: string;
  actorName: string | null;
  source: PersonHistoryEntry['source'];
  changes: PersonHistoryEntry[];
}

function groupEvents(entries: PersonHistoryEntry[]): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const e of entries) {
    const last = events[events.length - 1];
    if (last && last.at === e.at && last.actorName === e.actorName && last.source?.sourceRecordId === e.source?.sourceRecordId) {
      last.changes.push(e);
    } else {
      events.push({ key: e.id, at: e.at, actorName: e.actorName, source: e.source, changes: [e] });
    }
  }
  // Oldest first within one event reads like the form: name, sex, birth date…
  for (const ev of events) ev.changes.reverse();
  return events;
}

export function PersonHistory({ personId }: { personId: number }) {
  const t = useT(personMessages);
  const { locale } = useLocale();
  const history = usePersonHistory(personId);

  if (history.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (history.isError && !history.data)
    return <LoadErrorAlert title={t('historyLoadFailed')} error={history.error} onRetry={() => void history.refetch()} />;
  const entries = history.data.pages.flatMap((p) => p.items);
  if (!entries.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('historyEmpty')} />;

  const fieldLabel = (field: string) => {
    const key = `field.${field}` as PersonMessageKey;
    const label = t(key);
    return label === key ? field : label;
  };
  const valueText = (field: string, value: string | null): ReactNode => {
    const text = historyValue(field, value, locale);
    return text === null ? <Typography.Text type="secondary">{t('historyEmptyValue')}</Typography.Text> : <Typography.Text>{text}</Typography.Text>;
  };
  const who = (ev: HistoryEvent, created: boolean): ReactNode => {
    if (ev.source)
      return (
        <span>
          <FileExcelOutlined style={{ color: '#237804', marginInlineEnd: 6 }} aria-hidden />
          {t('historyFrom', { source: ev.source.sourceName, file: ev.source.fileName, row: ev.source.rowNumber })}
        </span>
      );
    const name = ev.actorName?.startsWith('system:')
      ? t('historySystem', { name: ev.actorName.slice('system:'.length) })
      : (ev.actorName ?? t('historyUnknownActor'));
    return (
      <span>
        <UserOutlined style={{ marginInlineEnd: 6 }} aria-hidden />
        {created ? t('historyCreatedBy', { name }) : t('historyBy', { name })}
      </span>
    );
  };

  const items = groupEvents(entries).map((ev) => {
    const created = ev.changes.some((c) => c.field === 'name' && c.oldValue === null);
    return {
      key: ev.key,
      color: ev.changes.some((c) => MERGE_FIELDS.has(c.field)) ? 'purple' : ev.source ? 'green' : created ? 'blue' : 'gray',
      content: (
        <div>
          <Flex align="center" gap={8} wrap style={{ marginBottom: 6 }}>
            <Typography.Text strong>{who(ev, created)}</Typography.Text>
            {created && <Tag color="blue">{t('historyCreated')}</Tag>}
            <Tooltip title={formatDateTime(ev.at)}>
              <Typography.Text type="secondary">
                <time dateTime={ev.at} tabIndex={0}>
                  {dayjs(ev.at).fromNow()}
                </time>
              </Typography.Text>
            </Tooltip>
          </Flex>
          <ul style={{ margin: 0, paddingInlineStart: 0, listStyle: 'none', display: 'grid', gap: 2 }}>
            {ev.changes.map((c) => (
              <li key={c.id}>
                {MERGE_FIELDS.has(c.field) ? (
                  // A merge or its undo names the other person ("李强 (#123)"): one sentence, not "old → new".
                  <Tag color={c.field === 'merged' ? 'purple' : undefined} style={{ marginInlineEnd: 0 }}>
                    {t(c.field === 'merged' ? 'historyMerged' : 'historySplit', { value: c.newValue ?? c.oldValue ?? '' })}
                  </Tag>
                ) : (
                  <>
                    <Typography.Text type="secondary">{t('historyField', { field: fieldLabel(c.field) })}</Typography.Text>
                    {created ? (
                      valueText(c.field, c.newValue)
                    ) : (
                      <>
                        {valueText(c.field, c.oldValue)}
                        <span> → </span>
                        {valueText(c.field, c.newValue)}
                      </>
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ),
    };
  });

  return (
    <>
      <Timeline items={items} />
      {history.hasNextPage && (
        <Flex justify="center">
          <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
            {t('historyMore')}
          </Button>
        </Flex>
      )}
    </>
  );
}
