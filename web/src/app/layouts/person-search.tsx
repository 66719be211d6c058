import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AutoComplete, Input, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { PersonSearchHit } from '../../../../common/src/schemas/persons.js';
import { apiGet } from '../../lib/api.js';
import { useT } from '../../lib/i18n.js';
import { appMessages } from '../messages.js';
import { SEARCH_WIDTH } from './header-search.js';

// The top bar's person search: results while typing (name, pinyin, initials, mobile or its last 4,
// resident ID or its last 6, employer); Enter or a click opens the person. Loaded on every page, so
// it stays small: no dictionaries, no schemas at run time.

const DEBOUNCE_MS = 200;

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * Results while typing: the text debounced, then GET /persons/search. Shared by the top bar and
 * every person picker, so they share cache entries too.
 */
export function usePersonSearch(text: string) {
  const q = useDebounced(text.trim(), DEBOUNCE_MS);
  const search = useQuery({
    queryKey: ['persons', 'search', q],
    queryFn: () => apiGet<{ items: PersonSearchHit[] }>('/persons/search', { q, limit: 10 }).then((r) => r.items),
    enabled: q.length > 0,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  return { q, search };
}

export function PersonSearch() {
  const t = useT(appMessages);
  const navigate = useNavigate();
  const inputRef = useRef<InputRef>(null);
  const [text, setText] = useState('');
  const { q, search } = usePersonSearch(text);

  const hits = q ? (search.data ?? []) : [];
  const options = hits.map((hit) => ({
    value: String(hit.id),
    // What a screen reader announces for the option (its own text would be the id).
    'aria-label': [hit.name, hit.mobile, hit.employerName, hit.unitName, t(`search.match.${hit.matchedBy}`)].filter(Boolean).join(' · '),
    label: (
      <div style={{ display: 'flex', flexDirection: 'column', gap: 2, padding: '2px 0' }}>
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
          <span style={{ minWidth: 0 }}>
            <Typography.Text strong>{hit.name}</Typography.Text>
            {hit.mobile && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontVariantNumeric: 'tabular-nums' }}>
                {hit.mobile}
              </Typography.Text>
            )}
          </span>
          <Tag color="blue" style={{ marginInlineEnd: 0, flex: 'none' }}>
            {t(`search.match.${hit.matchedBy}`)}
          </Tag>
        </div>
        <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
          {[hit.employerName, hit.unitName].filter(Boolean).join(' · ') || '\u00a0'}
        </Typography.Text>
      </div>
    ),
  }));

  const waiting = text.trim() !== q || search.isFetching;
  const notFound = !text.trim()
    ? null
    : waiting && !hits.length
      ? t('search.searching')
      : search.isError
        ? t('search.failed')
        : t('search.empty');

  return (
    <AutoComplete
      value={text}
      options={options}
      onSearch={setText}
      onSelect={(id: string) => {
        setText('');
        inputRef.current?.blur();
        navigate(`/persons/${id}`);
      }}
      notFoundContent={notFound}
      popupMatchSelectWidth={380}
      listHeight={420}
      defaultActiveFirstOption
      style={{ width: SEARCH_WIDTH }}
      aria-label={t('search.label')}
    >
      <Input
        ref={inputRef}
        allowClear
        prefix={<SearchOutlined aria-hidden />}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        maxLength={64}
      />
    </AutoComplete>
  );
}
