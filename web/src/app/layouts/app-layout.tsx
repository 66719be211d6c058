import { Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { Avatar, Breadcrumb, Button, Divider, Dropdown, Flex, Layout, Menu, Typography, type MenuProps } from 'antd';
import {
  BankOutlined,
  HomeOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  SafetyOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { useAuth } from '../../lib/auth.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { BrandMark } from '../../components/brand-mark.js';
import { LocaleSwitch } from '../../components/locale-switch.js';
import { PageSkeleton } from '../../components/page-skeleton.js';
import { appMessages, type AppMessageKey } from '../messages.js';
import { NAV, NAV_GROUPS, navEntryFor, type NavGroup } from '../nav.js';
import { HeaderSearch } from './header-search.js';

/** What a route may put in `handle` for the breadcrumbs and the window title. */
export interface RouteHandle {
  title?: AppMessageKey;
  group?: NavGroup;
  /** The page above this one in the breadcrumbs (e.g. a list above a record's page). */
  parent?: { title: AppMessageKey; path: string };
}

const COLLAPSED_KEY = 'tongxin.siderCollapsed';

export function AppLayout() {
  const t = useT(appMessages);
  const { locale } = useLocale();
  const { me, can, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const matches = useMatches();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');

  const toggle = (next: boolean) => {
    setCollapsed(next);
    localStorage.setItem(COLLAPSED_KEY, next ? '1' : '0');
  };

  // Menu: only what the user's permissions allow, grouped into sub-menus.
  const menuItems = useMemo<MenuProps['items']>(() => {
    const items: NonNullable<MenuProps['items']> = [];
    const groups = new Map<NavGroup, { key: string; label: string; icon: ReactNode; children: { key: string; label: ReactNode; icon: ReactNode }[] }>();
    for (const n of NAV) {
      if (!can(n.permission)) continue;
      const item = { key: n.path, icon: n.icon, label: <Link to={n.path}>{t(n.label)}</Link> };
      if (!n.group) {
        items.push(item);
        continue;
      }
      let group = groups.get(n.group);
      if (!group) {
        group = { key: `group:${n.group}`, label: t(NAV_GROUPS[n.group].label), icon: <SettingOutlined />, children: [] };
        groups.set(n.group, group);
        items.push(group);
      }
      group.children.push(item);
    }
    return items;
  }, [can, t]);

  const current = navEntryFor(location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(() => (current?.group ? [`group:${current.group}`] : []));
  useEffect(() => {
    if (current?.group) setOpenKeys((keys) => (keys.includes(`group:${current.group}`) ? keys : [...keys, `group:${current.group}`]));
  }, [current?.group]);

  // Breadcrumbs and window title from the deepest route handle.
  const handle = [...matches].reverse().find((m) => (m.handle as RouteHandle | undefined)?.title)?.handle as
    | RouteHandle
    | undefined;
  const crumbs: { title: ReactNode }[] = [];
  if (location.pathname !== '/')
    crumbs.push({ title: <Link to="/" aria-label={t('nav.home')}><HomeOutlined /></Link> });
  if (handle?.group) crumbs.push({ title: t(NAV_GROUPS[handle.group].label) });
  if (handle?.parent) crumbs.push({ title: <Link to={handle.parent.path}>{t(handle.parent.title)}</Link> });
  crumbs.push({ title: t(handle?.title ?? 'nav.notFound') });

  const pageTitle = t(handle?.title ?? 'nav.notFound');
  const brand = t('brand.name');
  useEffect(() => {
    document.title = `${pageTitle} - ${brand}`;
  }, [pageTitle, brand]);

  if (!me) return null;
  const districtName = locale === 'en-US' ? me.districtNameEn || me.districtName : me.districtName;

  const userMenu: MenuProps = {
    items: [
      {
        key: 'who',
        disabled: true,
        label: (
          <div className="tx-user-menu-who">
            <Typography.Text strong>{me.displayName}</Typography.Text>
            <Typography.Text type="secondary">{me.unit.name}</Typography.Text>
          </div>
        ),
      },
      { type: 'divider' },
      { key: 'account', icon: <SafetyOutlined />, label: t('header.account') },
      { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'account') navigate('/account');
      if (key === 'logout') void logout();
    },
  };

  return (
    <Layout className="tx-shell">
      <a className="tx-skip-link" href="#main-content">
        {t('skipToContent')}
      </a>
      <Layout.Sider
        className="tx-sider"
        width={224}
        collapsedWidth={64}
        collapsible
        collapsed={collapsed}
        trigger={null}
        breakpoint="lg"
        onBreakpoint={(broken) => broken && setCollapsed(true)}
      >
        <Link to="/" className="tx-sider-brand" aria-label={brand}>
          <BrandMark size={32} />
          {!collapsed && (
            <span className="tx-sider-brand-text">
              <span className="tx-sider-brand-name">{brand}</span>
              <span className="tx-sider-brand-sub">{t('brand.subtitle')}</span>
            </span>
          )}
        </Link>
        <nav aria-label={t('header.mainMenu')}>
          <Menu
            mode="inline"
            items={menuItems}
            selectedKeys={current ? [current.path] : []}
            openKeys={collapsed ? undefined : openKeys}
            onOpenChange={(keys) => setOpenKeys(keys as string[])}
            style={{ borderInlineEnd: 'none' }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="tx-header">
          <Flex align="center" gap={8} style={{ minWidth: 0 }}>
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => toggle(!collapsed)}
              aria-label={collapsed ? t('header.expand') : t('header.collapse')}
            />
            <span className="tx-header-district">
              <BankOutlined />
              <span>{districtName}</span>
            </span>
          </Flex>
          <Flex align="center" gap={4}>
            {can('person.read') && <HeaderSearch />}
            <LocaleSwitch />
            <Divider orientation="vertical" />
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <Button type="text" className="tx-user-button" aria-label={t('header.userMenu', { name: me.displayName })}>
                <Avatar size={28} style={{ backgroundColor: '#c8102e' }}>
                  {me.displayName.slice(0, 1)}
                </Avatar>
                <span className="tx-user-button-text">
                  <span className="tx-user-name">{me.displayName}</span>
                  <span className="tx-user-unit">{me.unit.name}</span>
                </span>
              </Button>
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Layout.Content id="main-content" className="tx-content" tabIndex={-1}>
          <Breadcrumb items={crumbs} className="tx-breadcrumb" />
          <Suspense fallback={<PageSkeleton />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer className="tx-footer">{t('footer')}</Layout.Footer>
      </Layout>
    </Layout>
  );
}
