import { CheckSquareOutlined, DashboardOutlined, SwapOutlined } from '@ant-design/icons';
import type { RouteObject } from 'react-router';
import { RequireArea } from '../require-auth';
import type { MenuEntry } from '../menu-entry';

/**
 * The director's console (局长/分管领导: bulk approval, reassignment, the zone leader's dashboard): its
 * routes and menu entries. Each route is lazy and wrapped in <RequireArea area="director">; its texts
 * live in locales/director/*.json.
 */
export const DIRECTOR_ROUTES: RouteObject[] = [
  {
    path: 'director/bulk-approval',
    lazy: async () => {
      const { BulkApprovalPage } = await import('../../features/director/routes/bulk-approval-page');
      return {
        element: (
          <RequireArea area="director">
            <BulkApprovalPage />
          </RequireArea>
        ),
      };
    },
  },
  {
    path: 'director/reassignment',
    lazy: async () => {
      const { ReassignmentPage } = await import('../../features/director/routes/reassignment-page');
      return {
        element: (
          <RequireArea area="director">
            <ReassignmentPage />
          </RequireArea>
        ),
      };
    },
  },
  {
    path: 'director/dashboard',
    lazy: async () => {
      const { DashboardPage } = await import('../../features/director/routes/dashboard-page');
      return {
        element: (
          <RequireArea area="director">
            <DashboardPage />
          </RequireArea>
        ),
      };
    },
  },
];

export const DIRECTOR_MENU: MenuEntry[] = [
  {
    path: '/director/bulk-approval',
    area: 'director',
    labelKey: 'director.menu.bulkApproval',
    icon: <CheckSquareOutlined />,
  },
  {
    path: '/director/reassignment',
    area: 'director',
    labelKey: 'director.menu.reassignment',
    icon: <SwapOutlined />,
  },
  {
    path: '/director/dashboard',
    area: 'director',
    labelKey: 'director.menu.dashboard',
    icon: <DashboardOutlined />,
  },
];
