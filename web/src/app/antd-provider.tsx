import { useEffect, type ReactNode } from 'react';
import { App, ConfigProvider, type ThemeConfig } from 'antd';
// The ES builds: `antd/locale/*` is CommonJS re-exporting antd/lib, which would ship a second copy
// of the English locale (antd's default, already in its ES code) and CommonJS wrappers.
import zhCN from 'antd/es/locale/zh_CN.js';
import enUS from 'antd/es/locale/en_US.js';
import { useLocale } from '../lib/i18n.js';
import { setDayjsLocale } from '../lib/dayjs-locale.js';

// antd's theme and language (and dayjs's, for date pickers and formats) follow the UI language.

export const ACCENT = '#c8102e';
export const GOLD = '#c9a227';

const FONT_FAMILY = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Noto Sans SC"',
  '"Source Han Sans SC"',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(', ');

const theme: ThemeConfig = {
  token: {
    colorPrimary: ACCENT,
    colorLink: ACCENT,
    colorInfo: '#1f5fbf',
    borderRadius: 6,
    fontFamily: FONT_FAMILY,
    colorBgLayout: '#f4f5f7',
    // antd's default secondary grey (45% black) fails WCAG AA contrast (4.5:1); 60% passes on white
    // and on the layout background.
    colorTextSecondary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
  components: {
    // Status tags draw their text in the status colour on a pale background: darkened to reach 4.5:1.
    Tag: { colorSuccess: '#237804', colorWarning: '#ad4e00', colorError: '#a8071a', colorInfo: '#1a4f9e' },
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 16px', bodyBg: '#f4f5f7' },
    Menu: { itemSelectedBg: '#fdecee', itemSelectedColor: ACCENT, subMenuItemBg: '#ffffff', itemMarginInline: 8 },
    Card: { headerFontSize: 15 },
  },
};

export function AntdProvider({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  // Set before children render so their date formats use the right language.
  setDayjsLocale(locale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={theme}>
      <App>{children}</App>
    </ConfigProvider>
  );
}
