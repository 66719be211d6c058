import { lazy, Suspense } from 'react';
import { Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n.js';
import { appMessages } from '../messages.js';

// The top bar's person search loads right after the first screen (its dropdown brings the select
// component, which the first screen does not otherwise need); until then a look-alike box holds its place.

const PersonSearch = lazy(() => import('./person-search.js').then((m) => ({ default: m.PersonSearch })));

/** Narrow enough on a phone to leave room for the language and user menus. */
export const SEARCH_WIDTH = 'clamp(120px, calc(40vw - 30px), 320px)';

function Placeholder() {
  const t = useT(appMessages);
  return (
    <Input
      readOnly
      prefix={<SearchOutlined aria-hidden />}
      placeholder={t('search.placeholder')}
      aria-label={t('search.label')}
      style={{ width: SEARCH_WIDTH }}
    />
  );
}

export function HeaderSearch() {
  return (
    <div role="search" style={{ marginInlineEnd: 8 }}>
      <Suspense fallback={<Placeholder />}>
        <PersonSearch />
      </Suspense>
    </div>
  );
}
