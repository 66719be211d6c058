import { Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { LOCALES, type Locale } from '../../../common/src/i18n/locale.js';
import { apiPut } from '../lib/api.js';
import { useAuth } from '../lib/auth.js';
import { useLocale, useT } from '../lib/i18n.js';
import { coreMessages } from './core-messages.js';

/** Chinese / English switch; when logged in the choice is also remembered on the server. */
export function LocaleSwitch({ variant = 'text' }: { variant?: 'text' | 'default' }) {
  const t = useT(coreMessages);
  const { locale, setLocale } = useLocale();
  const { me } = useAuth();

  const choose = (next: Locale) => {
    if (next === locale) return;
    setLocale(next);
    if (me) void apiPut('/auth/locale', { locale: next }).catch(() => {});
  };

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: LOCALES.map((l) => ({ key: l, label: <span lang={l}>{t(`language.${l}`)}</span> })),
        onClick: ({ key }) => choose(key as Locale),
      }}
    >
      <Button type={variant === 'text' ? 'text' : 'default'} icon={<GlobalOutlined />} aria-label={t('language.label')}>
        <span lang={locale}>{t(`language.${locale}`)}</span>
      </Button>
    </Dropdown>
  );
}
