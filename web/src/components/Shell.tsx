import { useState, type ReactNode } from 'react';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Typography } from 'antd';
import {
  ApartmentOutlined,
  AppstoreOutlined,
  ImportOutlined,
  AuditOutlined,
  BarChartOutlined,
  TagsOutlined,
  DashboardOutlined,
  DollarOutlined,
  LogoutOutlined,
  MenuOutlined,
  SettingOutlined,
  ShoppingCartOutlined,
  TeamOutlined,
  UserOutlined,
  BellOutlined,
  FieldTimeOutlined,
  NotificationOutlined,
  KeyOutlined,
  ApiOutlined,
  ReadOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** The app frame: navigation for every module the person's role may use, header with language and account. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { me, can, logout } = useAuth();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);

  const items = [
    { key: '/', icon: <DashboardOutlined />, label: t('nav.dashboard') },
    { key: '/customers', icon: <UserOutlined />, label: t('nav.customers') },
    { key: '/orders', icon: <ShoppingCartOutlined />, label: t('nav.orders') },
    { key: '/approvals', icon: <AuditOutlined />, label: t('nav.approvals') },
    { key: '/products', icon: <TagsOutlined />, label: t('nav.products') },
    { key: '/inventory', icon: <AppstoreOutlined />, label: t('nav.inventory') },
    ...(can('createImport') ? [{ key: '/imports', icon: <ImportOutlined />, label: t('nav.imports') }] : []),
    ...(can('listInvoices') ? [{ key: '/invoices', icon: <DollarOutlined />, label: t('nav.invoices') }] : []),
    ...(can('getReceivablesAging')
      ? [{ key: '/receivables', icon: <FieldTimeOutlined />, label: t('nav.aging') }]
      : []),
    ...(can('getExchangeRates')
      ? [{ key: '/exchange-rates', icon: <SwapOutlined />, label: t('nav.exchangeRates') }]
      : []),
    { key: '/alerts', icon: <BellOutlined />, label: t('nav.alerts') },
    ...(can('getSalesReport') ? [{ key: '/reports', icon: <BarChartOutlined />, label: t('nav.reports') }] : []),
    ...(can('listUsers') ? [{ key: '/users', icon: <TeamOutlined />, label: t('nav.users') }] : []),
    { key: '/settings', icon: <SettingOutlined />, label: t('nav.settings') },
    ...(can('getApprovalWorkflow')
      ? [{ key: '/settings/approvals', icon: <ApartmentOutlined />, label: t('orders.workflow') }]
      : []),
    ...(can('getNotificationChannels')
      ? [{ key: '/settings/notifications', icon: <NotificationOutlined />, label: t('nav.channels') }]
      : []),
    ...(can('listApiKeys') ? [{ key: '/developers/api-keys', icon: <KeyOutlined />, label: t('nav.apiKeys') }] : []),
    ...(can('listWebhooks') ? [{ key: '/developers/webhooks', icon: <ApiOutlined />, label: t('nav.webhooks') }] : []),
    { key: '/developers/reference', icon: <ReadOutlined />, label: t('nav.reference') },
  ];
  // The most specific entry wins (/settings/approvals over /settings).
  const selected = items
    .map((i) => i.key)
    .filter((k) => (k === '/' ? location.pathname === '/' : location.pathname.startsWith(k)))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected}
      items={items}
      data-testid="nav"
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );
  const brand = (
    <div style={{ padding: '16px 24px', fontWeight: 700, fontSize: 18, color: '#d46b08' }}>{t('app.name')}</div>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!phone && (
        <Layout.Sider
          theme="light"
          width={220}
          breakpoint="lg"
          collapsedWidth={64}
          style={{ borderInlineEnd: '1px solid #f0f0f0' }}
        >
          {brand}
          {menu}
        </Layout.Sider>
      )}
      <Drawer
        open={phone && drawerOpen}
        onClose={() => setDrawerOpen(false)}
        placement="left"
        width={260}
        styles={{ body: { padding: 0 } }}
      >
        {brand}
        {menu}
      </Drawer>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {phone && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              onClick={() => setDrawerOpen(true)}
              aria-label="menu"
              data-testid="menu-button"
            />
          )}
          <Typography.Text strong ellipsis style={{ flex: 1 }}>
            {me?.tenant.companyName}
          </Typography.Text>
          <LanguageSwitch />
          <Dropdown
            menu={{ items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), onClick: logout }] }}
          >
            <Button type="text" icon={<UserOutlined />} data-testid="account-menu">
              {phone ? null : (me?.user.name ?? me?.user.email)}
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 12 : 24 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
