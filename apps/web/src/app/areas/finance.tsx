import {
  AccountBookOutlined,
  AuditOutlined,
  BarChartOutlined,
  FileSyncOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { RequireArea } from '../require-auth';
import type { MenuEntry } from '../menu-entry';

/** A lazy finance route: the page's module loads on first visit, behind <RequireArea area="finance">. */
function financeRoute(path: string, load: () => Promise<ComponentType>): RouteObject {
  return {
    path,
    lazy: async () => {
      const Page = await load();
      return {
        element: (
          <RequireArea area="finance">
            <Page />
          </RequireArea>
        ),
      };
    },
  };
}

/**
 * The finance console (财务端): its routes and menu entries. Each route is lazy and wrapped in
 * <RequireArea area="finance">; its texts live in locales/finance/*.json (and a feature's own
 * locales/<feature>/*.json, e.g. bank-verification).
 */
export const FINANCE_ROUTES: RouteObject[] = [
  financeRoute(
    'finance/pools',
    async () => (await import('../../features/finance/routes/pools-page')).PoolsPage,
  ),
  financeRoute(
    'finance/pools/:id',
    async () => (await import('../../features/finance/routes/pool-page')).PoolPage,
  ),
  financeRoute(
    'finance/batches',
    async () => (await import('../../features/finance/routes/batches-page')).BatchesPage,
  ),
  financeRoute(
    'finance/batches/new',
    async () => (await import('../../features/finance/routes/batch-new-page')).BatchNewPage,
  ),
  financeRoute(
    'finance/batches/:id',
    async () => (await import('../../features/finance/routes/batch-page')).BatchPage,
  ),
  financeRoute(
    'finance/statements',
    async () => (await import('../../features/finance/routes/statements-page')).StatementsPage,
  ),
  financeRoute(
    'finance/statements/:id',
    async () => (await import('../../features/finance/routes/statement-page')).StatementPage,
  ),
  financeRoute(
    'finance/clawbacks',
    async () => (await import('../../features/finance/routes/clawbacks-page')).ClawbacksPage,
  ),
  financeRoute(
    'finance/reports',
    async () => (await import('../../features/finance/routes/reports-page')).ReportsPage,
  ),
  financeRoute(
    'finance/bank-account-changes',
    async () =>
      (await import('../../features/bank-account-verification/routes/bank-account-verification-page'))
        .BankAccountVerificationPage,
  ),
];

export const FINANCE_MENU: MenuEntry[] = [
  { path: '/finance/pools', area: 'finance', labelKey: 'finance.menu.pools', icon: <AccountBookOutlined /> },
  { path: '/finance/batches', area: 'finance', labelKey: 'finance.menu.batches', icon: <AuditOutlined /> },
  {
    path: '/finance/statements',
    area: 'finance',
    labelKey: 'finance.menu.statements',
    icon: <FileSyncOutlined />,
  },
  {
    path: '/finance/clawbacks',
    area: 'finance',
    labelKey: 'finance.menu.clawbacks',
    icon: <RollbackOutlined />,
  },
  { path: '/finance/reports', area: 'finance', labelKey: 'finance.menu.reports', icon: <BarChartOutlined /> },
  {
    path: '/finance/bank-account-changes',
    area: 'finance',
    labelKey: 'bankVerification.menu',
    icon: <SafetyCertificateOutlined />,
  },
];
