import { lazy, Suspense, useMemo, type ComponentType } from 'react';
import { ConfigProvider, Grid, Spin, App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth } from './auth.tsx';
import { session } from './api.ts';
import { LoginPage } from './features/identity/LoginPage.tsx';
import { antdLocale, loadMessages } from './i18n.ts';
import type { Feature } from './message-bundles.ts';
import { theme } from './theme.ts';

// Pages load on first visit, with their feature's messages (message-bundles.ts) in the reader's language:
// the first screen (login) ships only what it needs.
const page = <K extends string>(feature: Feature, load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => {
    const [module] = await Promise.all([load(), loadMessages(feature)]);
    return { default: module[name] };
  });
const Shell = lazy(async () => ({ default: (await import('./components/Shell.tsx')).Shell }));
const SignupPage = page('identity', () => import('./features/identity/SignupPage.tsx'), 'SignupPage');
const NewPasswordPage = page('identity', () => import('./features/identity/NewPasswordPage.tsx'), 'NewPasswordPage');
const ForgotPasswordPage = page(
  'identity',
  () => import('./features/identity/ForgotPasswordPage.tsx'),
  'ForgotPasswordPage',
);
const AccountPage = page('identity', () => import('./features/identity/AccountPage.tsx'), 'AccountPage');
const NotificationsPage = page('alerts', () => import('./features/alerts/NotificationsPage.tsx'), 'NotificationsPage');
const TargetsPage = page('reports', () => import('./features/reports/TargetsPage.tsx'), 'TargetsPage');
const DashboardPage = page('reports', () => import('./features/reports/DashboardPage.tsx'), 'DashboardPage');
const CustomersPage = page('customers', () => import('./features/customers/CustomersPage.tsx'), 'CustomersPage');
const CustomerPage = page('customers', () => import('./features/customers/CustomerPage.tsx'), 'CustomerPage');
const CustomerFormPage = page(
  'customers',
  () => import('./features/customers/CustomerFormPage.tsx'),
  'CustomerFormPage',
);
const UsersPage = page('tenants', () => import('./features/tenants/UsersPage.tsx'), 'UsersPage');
const SettingsPage = page('tenants', () => import('./features/tenants/SettingsPage.tsx'), 'SettingsPage');
const CustomFieldsPage = page('tenants', () => import('./features/tenants/CustomFieldsPage.tsx'), 'CustomFieldsPage');
const PrintSettingsPage = page(
  'tenants',
  () => import('./features/tenants/PrintSettingsPage.tsx'),
  'PrintSettingsPage',
);
const AuditLogPage = page('tenants', () => import('./features/tenants/AuditLogPage.tsx'), 'AuditLogPage');
const CompanyDataPage = page('tenants', () => import('./features/tenants/CompanyDataPage.tsx'), 'CompanyDataPage');
const ClosedCompanyPage = page(
  'tenants',
  () => import('./features/tenants/ClosedCompanyPage.tsx'),
  'ClosedCompanyPage',
);
const NotificationRulesPage = page(
  'alerts',
  () => import('./features/alerts/NotificationRulesPage.tsx'),
  'NotificationRulesPage',
);
const ProductsPage = page('catalog', () => import('./features/catalog/ProductsPage.tsx'), 'ProductsPage');
const InventoryPage = page('inventory', () => import('./features/inventory/InventoryPage.tsx'), 'InventoryPage');
const OrdersPage = page('orders', () => import('./features/orders/OrdersPage.tsx'), 'OrdersPage');
const OrderFormPage = page('orders', () => import('./features/orders/OrderFormPage.tsx'), 'OrderFormPage');
const OrderPage = page('orders', () => import('./features/orders/OrderPage.tsx'), 'OrderPage');
const ApprovalsPage = page('orders', () => import('./features/orders/ApprovalsPage.tsx'), 'ApprovalsPage');
const WorkflowPage = page('orders', () => import('./features/orders/WorkflowPage.tsx'), 'WorkflowPage');
const ImportPage = page('imports', () => import('./features/imports/ImportPage.tsx'), 'ImportPage');
const InvoicesPage = page('finance', () => import('./features/finance/InvoicesPage.tsx'), 'InvoicesPage');
const InvoicePage = page('finance', () => import('./features/finance/InvoicePage.tsx'), 'InvoicePage');
const AgingPage = page('finance', () => import('./features/finance/AgingPage.tsx'), 'AgingPage');
const ExchangeRatesPage = page(
  'finance',
  () => import('./features/finance/ExchangeRatesPage.tsx'),
  'ExchangeRatesPage',
);
const AlertsPage = page('alerts', () => import('./features/alerts/AlertsPage.tsx'), 'AlertsPage');
const ChannelsPage = page('alerts', () => import('./features/alerts/ChannelsPage.tsx'), 'ChannelsPage');
const ReportsPage = page('reports', () => import('./features/reports/ReportsPage.tsx'), 'ReportsPage');
const ApiKeysPage = page('partners', () => import('./features/partners/ApiKeysPage.tsx'), 'ApiKeysPage');
const WebhooksPage = page('partners', () => import('./features/partners/WebhooksPage.tsx'), 'WebhooksPage');
const ApiReferencePage = page('partners', () => import('./features/partners/ApiReferencePage.tsx'), 'ApiReferencePage');
const SuppliersPage = page('purchasing', () => import('./features/purchasing/SuppliersPage.tsx'), 'SuppliersPage');
const SupplierFormPage = page(
  'purchasing',
  () => import('./features/purchasing/SupplierFormPage.tsx'),
  'SupplierFormPage',
);
const PurchaseOrdersPage = page(
  'purchasing',
  () => import('./features/purchasing/PurchaseOrdersPage.tsx'),
  'PurchaseOrdersPage',
);
const PurchaseOrderFormPage = page(
  'purchasing',
  () => import('./features/purchasing/PurchaseOrderFormPage.tsx'),
  'PurchaseOrderFormPage',
);
const PurchaseOrderPage = page(
  'purchasing',
  () => import('./features/purchasing/PurchaseOrderPage.tsx'),
  'PurchaseOrderPage',
);
const ReceivePage = page('purchasing', () => import('./features/purchasing/ReceivePage.tsx'), 'ReceivePage');
const SuggestionsPage = page(
  'purchasing',
  () => import('./features/purchasing/SuggestionsPage.tsx'),
  'SuggestionsPage',
);
const BillsPage = page('purchasing', () => import('./features/purchasing/BillsPage.tsx'), 'BillsPage');
const BillPage = page('purchasing', () => import('./features/purchasing/BillPage.tsx'), 'BillPage');
const PayablesPage = page('purchasing', () => import('./features/purchasing/PayablesPage.tsx'), 'PayablesPage');
const StocktakesPage = page('purchasing', () => import('./features/purchasing/StocktakesPage.tsx'), 'StocktakesPage');
const StocktakeFormPage = page(
  'purchasing',
  () => import('./features/purchasing/StocktakeFormPage.tsx'),
  'StocktakeFormPage',
);
const StocktakePage = page('purchasing', () => import('./features/purchasing/StocktakePage.tsx'), 'StocktakePage');
const StockValuePage = page('reports', () => import('./features/reports/StockValuePage.tsx'), 'StockValuePage');
const TicketsPage = page('aftersales', () => import('./features/aftersales/TicketsPage.tsx'), 'TicketsPage');
const TicketFormPage = page('aftersales', () => import('./features/aftersales/TicketFormPage.tsx'), 'TicketFormPage');
const TicketPage = page('aftersales', () => import('./features/aftersales/TicketPage.tsx'), 'TicketPage');
const ReturnsPage = page('aftersales', () => import('./features/aftersales/ReturnsPage.tsx'), 'ReturnsPage');
const ReturnPage = page('aftersales', () => import('./features/aftersales/ReturnPage.tsx'), 'ReturnPage');
const CreditNotesPage = page(
  'aftersales',
  () => import('./features/aftersales/CreditNotesPage.tsx'),
  'CreditNotesPage',
);
const CreditNotePage = page('aftersales', () => import('./features/aftersales/CreditNotePage.tsx'), 'CreditNotePage');
const AfterSalesReportPage = page(
  'aftersales',
  () => import('./features/aftersales/AfterSalesReportPage.tsx'),
  'AfterSalesReportPage',
);
const RatePage = page('aftersales', () => import('./features/aftersales/RatePage.tsx'), 'RatePage');

function Protected() {
  const { me, loading, closed } = useAuth();
  const location = useLocation();
  // A link followed before logging in (a notification's, a mail's) opens once logged in.
  if (!session.get())
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  // A closed company answers every request 401 `tenant_closed`: not the login again, but what happened and how to restore it.
  if (closed) return <ClosedCompanyPage />;
  if (loading || !me) return <Spin fullscreen />;
  return (
    <Shell>
      <Suspense fallback={<Spin />}>
        <Routes>
          <Route path="/" element={<DashboardPage />} />
          <Route path="/customers" element={<CustomersPage />} />
          <Route path="/customers/new" element={<CustomerFormPage />} />
          <Route path="/customers/:id" element={<CustomerPage />} />
          <Route path="/customers/:id/edit" element={<CustomerFormPage />} />
          <Route path="/products" element={<ProductsPage />} />
          <Route path="/inventory" element={<InventoryPage />} />
          <Route path="/orders" element={<OrdersPage />} />
          <Route path="/orders/new" element={<OrderFormPage />} />
          <Route path="/orders/:id" element={<OrderPage />} />
          <Route path="/orders/:id/edit" element={<OrderFormPage />} />
          <Route path="/approvals" element={<ApprovalsPage />} />
          <Route path="/imports" element={<ImportPage />} />
          <Route path="/settings/approvals" element={<WorkflowPage />} />
          <Route path="/users" element={<UsersPage />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path="/settings/custom-fields" element={<CustomFieldsPage />} />
          <Route path="/settings/print" element={<PrintSettingsPage />} />
          <Route path="/settings/notification-rules" element={<NotificationRulesPage />} />
          <Route path="/settings/audit-log" element={<AuditLogPage />} />
          <Route path="/settings/company-data" element={<CompanyDataPage />} />
          <Route path="/invoices" element={<InvoicesPage />} />
          <Route path="/invoices/:id" element={<InvoicePage />} />
          <Route path="/receivables" element={<AgingPage />} />
          <Route path="/exchange-rates" element={<ExchangeRatesPage />} />
          <Route path="/alerts" element={<AlertsPage />} />
          <Route path="/reports" element={<ReportsPage />} />
          <Route path="/reports/stock-value" element={<StockValuePage />} />
          <Route path="/suppliers" element={<SuppliersPage />} />
          <Route path="/suppliers/new" element={<SupplierFormPage />} />
          <Route path="/suppliers/:id" element={<SupplierFormPage />} />
          <Route path="/purchase-orders" element={<PurchaseOrdersPage />} />
          <Route path="/purchase-orders/new" element={<PurchaseOrderFormPage />} />
          <Route path="/purchase-orders/:id" element={<PurchaseOrderPage />} />
          <Route path="/purchase-orders/:id/edit" element={<PurchaseOrderFormPage />} />
          <Route path="/purchase-orders/:id/receive" element={<ReceivePage />} />
          <Route path="/purchasing/suggestions" element={<SuggestionsPage />} />
          <Route path="/bills" element={<BillsPage />} />
          <Route path="/bills/:id" element={<BillPage />} />
          <Route path="/payables" element={<PayablesPage />} />
          <Route path="/stocktakes" element={<StocktakesPage />} />
          <Route path="/stocktakes/new" element={<StocktakeFormPage />} />
          <Route path="/stocktakes/:id" element={<StocktakePage />} />
          <Route path="/tickets" element={<TicketsPage />} />
          <Route path="/tickets/new" element={<TicketFormPage />} />
          <Route path="/tickets/:id" element={<TicketPage />} />
          <Route path="/returns" element={<ReturnsPage />} />
          <Route path="/returns/:id" element={<ReturnPage />} />
          <Route path="/credit-notes" element={<CreditNotesPage />} />
          <Route path="/credit-notes/:id" element={<CreditNotePage />} />
          <Route path="/reports/after-sales" element={<AfterSalesReportPage />} />
          <Route path="/targets" element={<TargetsPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="/settings/notifications" element={<ChannelsPage />} />
          <Route path="/developers/api-keys" element={<ApiKeysPage />} />
          <Route path="/developers/webhooks" element={<WebhooksPage />} />
          <Route path="/developers/reference" element={<ApiReferencePage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </Shell>
  );
}

export function App() {
  const { i18n } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const themeConfig = useMemo(() => theme(phone), [phone]);
  return (
    <ConfigProvider locale={antdLocale(i18n.language)} theme={themeConfig}>
      <AntApp>
        <Suspense fallback={<Spin fullscreen />}>
          <Routes>
            {/* The customer's rating link: no login, and nothing of the session (not even who is logged in) is read. */}
            <Route path="/rate/:token" element={<RatePage />} />
            <Route
              path="/*"
              element={
                <AuthProvider>
                  <Routes>
                    <Route path="/login" element={<LoginPage />} />
                    <Route path="/signup" element={<SignupPage />} />
                    <Route path="/new-password" element={<NewPasswordPage />} />
                    <Route path="/forgot-password" element={<ForgotPasswordPage />} />
                    <Route path="/*" element={<Protected />} />
                  </Routes>
                </AuthProvider>
              }
            />
          </Routes>
        </Suspense>
      </AntApp>
    </ConfigProvider>
  );
}
