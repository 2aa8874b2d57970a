import { useEffect, useState } from 'react';
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Drawer, Flex, Layout, Menu, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import i18n from 'i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import type { Me } from '../../contracts/auth.ts';
import { getLocale, isLocale, readStoredLocale, changeLocale } from '../i18n/index.ts';
import { LocaleSwitch, logout, MeContext, saveLocale, useMeQuery } from '../modules/auth/index.ts';
import { ApiError } from '../api/client.ts';
import { PageLoading } from '../ui/PageLoading.tsx';
import { QueryError } from '../ui/QueryError.tsx';
import { useIsMobile } from '../ui/useIsMobile.ts';
import { buildMenuItems, type MenuTranslate, selectedMenuKey } from './menu.tsx';

const { Header, Sider, Content } = Layout;

/** Align the UI language with the account: a choice made in this browser wins and is saved to the server. */
function useLocaleSync(me: Me | undefined) {
  useEffect(() => {
    if (!me) return;
    const stored = readStoredLocale();
    if (stored === null) {
      if (isLocale(me.locale) && me.locale !== getLocale()) void changeLocale(me.locale);
    } else if (stored !== me.locale) {
      saveLocale(stored).catch(() => undefined);
    }
  }, [me]);
}

/** The authenticated shell: loads /api/auth/me, then header + side menu (a drawer under 768 px) + page. */
export function AppLayout() {
  const me = useMeQuery();
  useLocaleSync(me.data);
  if (!me.data) {
    const lost = me.error instanceof ApiError && me.error.status === 401;
    return me.error && !lost ? <QueryError error={me.error} onRetry={() => void me.refetch()} /> : <PageLoading />;
  }
  return (
    <MeContext.Provider value={me.data}>
      <Shell me={me.data} />
    </MeContext.Provider>
  );
}

function Shell({ me }: { me: Me }) {
  // A plain-string t: the typed-key t is too deep for TypeScript here once every module's strings are merged.
  // useTranslation() still re-renders the shell when the language changes.
  useTranslation();
  const menuT = i18n.t.bind(i18n) as unknown as MenuTranslate;
  const t = menuT;
  const isMobile = useIsMobile();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  const doLogout = async () => {
    try {
      await logout();
    } catch {
      // the session may already be gone; leave anyway
    }
    queryClient.clear();
    void message.success(menuT('app.loggedOut'));
    void navigate('/login', { replace: true });
  };

  const menu = (
    <Menu
      mode="inline"
      aria-label={menuT('app.mainMenu')}
      selectedKeys={[selectedMenuKey(location.pathname)]}
      items={buildMenuItems(me, menuT, () => setDrawerOpen(false))}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isMobile ? (
        <Sider className="bw-sider" theme="light" collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          <div className="bw-brand" style={{ height: 56, padding: '0 20px' }}>
            <img src="/favicon.svg" alt="" />
            {!collapsed ? <span>{t('app.shortName')}</span> : null}
          </div>
          {menu}
        </Sider>
      ) : (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={260}
          title={t('app.name')}
          closable={{ 'aria-label': t('app.closeMenu') }}
          styles={{ body: { padding: 0 } }}
        >
          {menu}
          <Flex vertical gap={12} style={{ padding: 16, borderTop: '1px solid #f0f0f0' }}>
            <Typography.Text>
              <UserOutlined /> {me.displayName}
            </Typography.Text>
            <Button icon={<LogoutOutlined />} onClick={() => void doLogout()}>
              {t('app.logout')}
            </Button>
          </Flex>
        </Drawer>
      )}
      <Layout className="bw-main">
        <Header className="bw-header">
          {isMobile ? (
            <Button type="text" icon={<MenuOutlined />} aria-label={t('app.openMenu')} onClick={() => setDrawerOpen(true)} />
          ) : null}
          <div className="bw-brand">
            {isMobile ? <img src="/favicon.svg" alt="" /> : null}
            <span>{isMobile ? t('app.shortName') : t('app.name')}</span>
          </div>
          <div className="bw-header-right">
            <Typography.Text className="bw-user-name" title={me.displayName}>
              {!isMobile ? <UserOutlined /> : null} {me.displayName}
            </Typography.Text>
            <LocaleSwitch size="small" />
            {!isMobile ? (
              <Button icon={<LogoutOutlined />} onClick={() => void doLogout()}>
                {t('app.logout')}
              </Button>
            ) : null}
          </div>
        </Header>
        <Content className="bw-content">
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
