import { useEffect, type ReactNode } from 'react';
import { Typography } from 'antd';
import { useT } from '../../lib/i18n.js';
import { BrandMark } from '../../components/brand-mark.js';
import { LocaleSwitch } from '../../components/locale-switch.js';
import { loginMessages } from './login-messages.js';

/** Concentric rings drawn large behind the brand panel. */
function Rings() {
  return (
    <svg className="tx-auth-brand-rings" viewBox="0 0 200 200" aria-hidden="true" focusable="false">
      {[96, 78, 60, 42, 24].map((r) => (
        <circle key={r} cx="100" cy="100" r={r} fill="none" stroke="#f4c86a" strokeWidth="2" />
      ))}
    </svg>
  );
}

export interface AuthShellProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Window title. */
  documentTitle: string;
  /** Buttons in the top bar next to the language switch (e.g. log out). */
  topExtra?: ReactNode;
  /** Width of the white panel. */
  width?: number;
  children: ReactNode;
}

/** The frame of the pages shown before the app shell: brand panel on the left, the form on the right. */
export function AuthShell({ title, subtitle, documentTitle, topExtra, width = 420, children }: AuthShellProps) {
  const t = useT(loginMessages);
  const brand = t('brand.name');
  useEffect(() => {
    document.title = `${documentTitle} - ${brand}`;
  }, [documentTitle, brand]);

  return (
    <div className="tx-auth">
      <aside className="tx-auth-brand">
        <Rings />
        <div className="tx-auth-brand-head">
          <BrandMark size={52} onAccent />
          <div>
            <div className="tx-auth-brand-name">{brand}</div>
            <div className="tx-auth-brand-sub">{t('brand.subtitle')}</div>
          </div>
        </div>
        <div className="tx-auth-brand-body">
          <div className="tx-auth-brand-rule" />
          <p className="tx-auth-brand-tagline">{t('brand.tagline')}</p>
          <p className="tx-auth-brand-points">{t('brand.points')}</p>
        </div>
        <div className="tx-auth-brand-foot">{t('brand.footer')}</div>
      </aside>
      <main className="tx-auth-main">
        <div className="tx-auth-topbar">
          {topExtra}
          <LocaleSwitch />
        </div>
        <div className="tx-auth-center">
          <div className="tx-auth-panel" style={{ maxWidth: width }}>
            <div className="tx-auth-compact-brand">
              <BrandMark size={36} />
              <div>
                <strong>{brand}</strong>
                <div>
                  <Typography.Text type="secondary">{t('brand.subtitle')}</Typography.Text>
                </div>
              </div>
            </div>
            <Typography.Title level={3} style={{ marginTop: 0, marginBottom: subtitle ? 4 : 24 }}>
              {title}
            </Typography.Title>
            {subtitle && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
                {subtitle}
              </Typography.Paragraph>
            )}
            {children}
          </div>
        </div>
      </main>
    </div>
  );
}
