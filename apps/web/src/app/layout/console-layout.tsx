import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Menu, Space, Spin, Typography } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { canAccess } from '../../lib/access';
import { setToken } from '../../lib/auth/session';
import { useMe } from '../../lib/auth/use-me';
import { useConsoleTexts } from '../../lib/i18n';
import { useZoneName } from '../../lib/zones';
import { MENU } from '../menu';
import { UnreadBadge } from '../../features/notifications/components/unread-badge';
import { LanguageSwitch } from './language-switch';
import { useEnterpriseName } from './use-enterprise-name';

const { Header, Sider, Content } = Layout;

/** The signed-in console: top bar (zone or enterprise, user, language, sign-out) and the role's menu. */
export function ConsoleLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const zoneName = useZoneName();
  const enterpriseName = useEnterpriseName(me.data?.enterpriseId);
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const role = me.data?.role;
  const textsReady = useConsoleTexts(role);
  const items = (textsReady ? MENU : [])
    .filter((entry) => canAccess(role, entry.area))
    .map((entry) => ({
      key: entry.path,
      icon: entry.icon,
      label: <Link to={entry.path}>{t(entry.labelKey)}</Link>,
    }));
  // The longest entry the path is under: /review/declared-facts selects its own entry, not /review's.
  const selected = MENU.filter((e) =>
    e.path === '/'
      ? location.pathname === '/'
      : location.pathname === e.path || location.pathname.startsWith(`${e.path}/`),
  )
    .map((e) => e.path)
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);

  const signOut = () => {
    setToken(null);
    queryClient.clear();
    void navigate('/sign-in', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
          paddingInline: 24,
        }}
      >
        <Link to="/" style={{ fontWeight: 600, fontSize: 18, color: '#a8071a' }}>
          {t('app.fullName')}
        </Link>
        <Typography.Text type="secondary" data-testid="org-name">
          {enterpriseName ?? zoneName(me.data?.zoneCode)}
        </Typography.Text>
        <Space style={{ marginInlineStart: 'auto' }} size="middle">
          <UnreadBadge enabled={!!me.data} />
          <span>
            <UserOutlined aria-hidden /> {me.data?.displayName ?? me.data?.username}
            {role ? ` · ${t(`roles.${role}`)}` : ''}
          </span>
          <LanguageSwitch />
          <Button icon={<LogoutOutlined />} onClick={signOut}>
            {t('app.signOut')}
          </Button>
        </Space>
      </Header>
      <Layout>
        <Sider
          width={208}
          theme="light"
          breakpoint="lg"
          collapsedWidth={0}
          style={{ borderRight: '1px solid #f0f0f0' }}
        >
          <nav aria-label={t('app.menu')}>
            <Menu mode="inline" selectedKeys={selected} items={items} style={{ borderInlineEnd: 0 }} />
          </nav>
        </Sider>
        <Content style={{ padding: 24 }}>
          <main>
            {me.isPending || !textsReady ? (
              <Spin style={{ display: 'block', margin: 48 }} />
            ) : (
              <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
                <Outlet />
              </Suspense>
            )}
          </main>
        </Content>
      </Layout>
    </Layout>
  );
}
