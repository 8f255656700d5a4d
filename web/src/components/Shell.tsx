import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Button, Dropdown, Grid, Layout, Menu, Typography } from 'antd';
import type { MenuProps } from 'antd';
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
  AimOutlined,
  AlertOutlined,
  IdcardOutlined,
  ShopOutlined,
  FileTextOutlined,
  BulbOutlined,
  CarryOutOutlined,
  AccountBookOutlined,
  ScheduleOutlined,
  GoldOutlined,
  CustomerServiceOutlined,
  RollbackOutlined,
  FileExcelOutlined,
  LineChartOutlined,
  FormOutlined,
  PrinterOutlined,
  ThunderboltOutlined,
  HistoryOutlined,
  DatabaseOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth.tsx';
import { brand } from '../theme.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useUnreadCount } from './inbox.ts';

type Entry = { key: string; icon: ReactNode; label: string; show?: boolean };

// Only a phone shows the menu in a drawer, and only once it is opened.
const NavDrawer = lazy(async () => ({ default: (await import('./NavDrawer.tsx')).NavDrawer }));

/** The app frame: navigation grouped by work, only what the person's role may use; header with inbox, language and account. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { me, can, logout } = useAuth();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Mounted from its first opening on, so that it can animate closed.
  const [drawerUsed, setDrawerUsed] = useState(false);
  const unread = useUnreadCount();

  const groups: { key: string; label: string | null; entries: Entry[] }[] = [
    {
      key: 'home',
      label: null,
      entries: [{ key: '/', icon: <DashboardOutlined />, label: t('nav.dashboard') }],
    },
    {
      key: 'sales',
      label: t('nav.groups.sales'),
      entries: [
        { key: '/customers', icon: <UserOutlined />, label: t('nav.customers') },
        { key: '/orders', icon: <ShoppingCartOutlined />, label: t('nav.orders') },
        { key: '/approvals', icon: <AuditOutlined />, label: t('nav.approvals'), show: can('approveOrder') },
        { key: '/reports', icon: <BarChartOutlined />, label: t('nav.reports'), show: can('getSalesReport') },
        { key: '/targets', icon: <AimOutlined />, label: t('nav.targets'), show: can('getTargetReport') },
      ],
    },
    {
      key: 'stock',
      label: t('nav.groups.stock'),
      entries: [
        { key: '/products', icon: <TagsOutlined />, label: t('nav.products') },
        { key: '/inventory', icon: <AppstoreOutlined />, label: t('nav.inventory') },
        { key: '/imports', icon: <ImportOutlined />, label: t('nav.imports'), show: can('createImport') },
        {
          key: '/reports/stock-value',
          icon: <GoldOutlined />,
          label: t('nav.stockValue'),
          show: can('getStockValue'),
        },
      ],
    },
    {
      key: 'purchasing',
      label: t('nav.groups.purchasing'),
      entries: [
        { key: '/suppliers', icon: <ShopOutlined />, label: t('nav.suppliers'), show: can('listSuppliers') },
        {
          key: '/purchase-orders',
          icon: <FileTextOutlined />,
          label: t('nav.purchaseOrders'),
          show: can('listPurchaseOrders'),
        },
        {
          key: '/purchasing/suggestions',
          icon: <BulbOutlined />,
          label: t('nav.suggestions'),
          show: can('getReorderSuggestions'),
        },
        { key: '/stocktakes', icon: <CarryOutOutlined />, label: t('nav.stocktakes'), show: can('listStocktakes') },
        { key: '/bills', icon: <AccountBookOutlined />, label: t('nav.bills'), show: can('listBills') },
        { key: '/payables', icon: <ScheduleOutlined />, label: t('nav.payables'), show: can('getPayablesAging') },
      ],
    },
    {
      key: 'aftersales',
      label: t('nav.groups.aftersales'),
      entries: [
        { key: '/tickets', icon: <CustomerServiceOutlined />, label: t('nav.tickets'), show: can('listTickets') },
        { key: '/returns', icon: <RollbackOutlined />, label: t('nav.returns'), show: can('listReturns') },
        {
          key: '/credit-notes',
          icon: <FileExcelOutlined />,
          label: t('nav.creditNotes'),
          show: can('listCreditNotes'),
        },
        {
          key: '/reports/after-sales',
          icon: <LineChartOutlined />,
          label: t('nav.afterSalesReport'),
          show: can('getAfterSalesReport'),
        },
      ],
    },
    {
      key: 'finance',
      label: t('nav.groups.finance'),
      entries: [
        { key: '/invoices', icon: <DollarOutlined />, label: t('nav.invoices'), show: can('listInvoices') },
        {
          key: '/receivables',
          icon: <FieldTimeOutlined />,
          label: t('nav.aging'),
          show: can('getReceivablesAging'),
        },
        {
          key: '/exchange-rates',
          icon: <SwapOutlined />,
          label: t('nav.exchangeRates'),
          show: can('putExchangeRates'),
        },
      ],
    },
    {
      key: 'messages',
      label: t('nav.groups.messages'),
      entries: [
        { key: '/notifications', icon: <BellOutlined />, label: t('nav.notifications') },
        { key: '/alerts', icon: <AlertOutlined />, label: t('nav.alerts') },
      ],
    },
    {
      key: 'company',
      label: t('nav.groups.company'),
      entries: [
        { key: '/users', icon: <TeamOutlined />, label: t('nav.users'), show: can('listUsers') },
        { key: '/settings', icon: <SettingOutlined />, label: t('nav.settings'), show: can('updateSettings') },
        {
          key: '/settings/approvals',
          icon: <ApartmentOutlined />,
          label: t('orders.workflow'),
          show: can('putApprovalWorkflow'),
        },
        {
          key: '/settings/custom-fields',
          icon: <FormOutlined />,
          label: t('nav.customFields'),
          show: can('putCustomFields'),
        },
        {
          key: '/settings/print',
          icon: <PrinterOutlined />,
          label: t('nav.printSettings'),
          show: can('putPrintSettings'),
        },
        {
          key: '/settings/notifications',
          icon: <NotificationOutlined />,
          label: t('nav.channels'),
          show: can('getNotificationChannels'),
        },
        {
          key: '/settings/notification-rules',
          icon: <ThunderboltOutlined />,
          label: t('nav.notificationRules'),
          show: can('putNotificationRules'),
        },
        {
          key: '/settings/audit-log',
          icon: <HistoryOutlined />,
          label: t('nav.auditLog'),
          show: can('listAuditLog'),
        },
        {
          key: '/settings/company-data',
          icon: <DatabaseOutlined />,
          label: t('nav.companyData'),
          show: can('listExports') || can('closeTenant'),
        },
      ],
    },
    {
      key: 'developers',
      label: t('partners.developers'),
      entries: [
        { key: '/developers/api-keys', icon: <KeyOutlined />, label: t('nav.apiKeys'), show: can('listApiKeys') },
        { key: '/developers/webhooks', icon: <ApiOutlined />, label: t('nav.webhooks'), show: can('listWebhooks') },
        {
          key: '/developers/reference',
          icon: <ReadOutlined />,
          label: t('nav.reference'),
          show: can('listApiKeys') || can('listWebhooks'),
        },
      ],
    },
  ];
  const visible = groups
    .map((g) => ({ ...g, entries: g.entries.filter((e) => e.show !== false) }))
    .filter((g) => g.entries.length > 0);
  const entryItem = (e: Entry) => ({ key: e.key, icon: e.icon, label: e.label });
  const items: MenuProps['items'] = visible.flatMap(
    (g): NonNullable<MenuProps['items']> =>
      g.label
        ? [{ type: 'group' as const, key: g.key, label: g.label, children: g.entries.map(entryItem) }]
        : g.entries.map(entryItem),
  );
  // The most specific entry wins (/settings/approvals over /settings).
  const selected = visible
    .flatMap((g) => g.entries.map((e) => e.key))
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
  const brandName = (
    <div style={{ padding: '16px 24px', fontWeight: 700, fontSize: 18, color: brand }}>{t('app.name')}</div>
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
          <nav aria-label={t('nav.menu')}>
            {brandName}
            {menu}
          </nav>
        </Layout.Sider>
      )}
      {drawerUsed && (
        <Suspense fallback={null}>
          <NavDrawer open={phone && drawerOpen} onClose={() => setDrawerOpen(false)}>
            {menu}
          </NavDrawer>
        </Suspense>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: '#fff',
            padding: phone ? '0 8px' : '0 16px',
            display: 'flex',
            alignItems: 'center',
            gap: phone ? 4 : 8,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {phone && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              onClick={() => {
                setDrawerUsed(true);
                setDrawerOpen(true);
              }}
              aria-label={t('nav.menu')}
              data-testid="menu-button"
            />
          )}
          <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0 }}>
            {me?.tenant.companyName}
          </Typography.Text>
          <LanguageSwitch />
          <span style={{ position: 'relative', display: 'inline-flex' }} data-testid="bell-badge">
            <Button
              type="text"
              icon={<BellOutlined />}
              aria-label={unread ? t('inbox.bellUnread', { count: unread }) : t('inbox.bell')}
              onClick={() => navigate('/notifications')}
              data-testid="bell"
            />
            {/* The count, as antd's small badge shows it (the button says it in words). */}
            {unread > 0 && (
              <span
                aria-hidden
                style={{
                  position: 'absolute',
                  top: 6,
                  right: 6,
                  transform: 'translate(50%, -50%)',
                  minWidth: 14,
                  height: 14,
                  padding: '0 4px',
                  borderRadius: 7,
                  background: '#cf1322',
                  color: '#fff',
                  fontSize: 12,
                  lineHeight: '14px',
                  textAlign: 'center',
                  whiteSpace: 'nowrap',
                  boxShadow: '0 0 0 1px #fff',
                  pointerEvents: 'none',
                }}
              >
                {unread > 99 ? '99+' : unread}
              </span>
            )}
          </span>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                {
                  key: 'account',
                  icon: <IdcardOutlined />,
                  label: t('nav.account'),
                  onClick: () => navigate('/account'),
                },
                { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), onClick: logout },
              ],
            }}
          >
            <Button
              type="text"
              icon={<UserOutlined />}
              aria-label={phone ? t('nav.accountOf', { name: me?.user.name ?? me?.user.email }) : undefined}
              data-testid="account-menu"
            >
              {phone ? null : (me?.user.name ?? me?.user.email)}
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 8 : 24, minWidth: 0 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
