import { AlertOutlined, ApiOutlined, CalendarOutlined, UserOutlined } from '@ant-design/icons';
import type { RouteObject } from 'react-router';
import { RequireArea } from '../require-auth';
import type { MenuEntry } from '../menu-entry';

/**
 * The admin console (系统管理: users, working-day calendars, webhooks, failed deliveries and background
 * work, the queue board): its routes and menu entries. Each route is lazy and wrapped in
 * <RequireArea area="admin">; its texts live in locales/admin/*.json.
 */
export const ADMIN_ROUTES: RouteObject[] = [
  {
    path: 'admin/users',
    lazy: async () => {
      const { UsersPage } = await import('../../features/admin/routes/users-page');
      return {
        element: (
          <RequireArea area="admin">
            <UsersPage />
          </RequireArea>
        ),
      };
    },
  },
  {
    path: 'admin/calendars',
    lazy: async () => {
      const { CalendarsPage } = await import('../../features/admin/routes/calendars-page');
      return {
        element: (
          <RequireArea area="admin">
            <CalendarsPage />
          </RequireArea>
        ),
      };
    },
  },
  {
    path: 'admin/webhooks',
    lazy: async () => {
      const { WebhooksPage } = await import('../../features/admin/routes/webhooks-page');
      return {
        element: (
          <RequireArea area="admin">
            <WebhooksPage />
          </RequireArea>
        ),
      };
    },
  },
  {
    path: 'admin/failed-work',
    lazy: async () => {
      const { FailedWorkPage } = await import('../../features/admin/routes/failed-work-page');
      return {
        element: (
          <RequireArea area="admin">
            <FailedWorkPage />
          </RequireArea>
        ),
      };
    },
  },
];

export const ADMIN_MENU: MenuEntry[] = [
  { path: '/admin/users', area: 'admin', labelKey: 'admin.menu.users', icon: <UserOutlined /> },
  { path: '/admin/calendars', area: 'admin', labelKey: 'admin.menu.calendars', icon: <CalendarOutlined /> },
  { path: '/admin/webhooks', area: 'admin', labelKey: 'admin.menu.webhooks', icon: <ApiOutlined /> },
  { path: '/admin/failed-work', area: 'admin', labelKey: 'admin.menu.failedWork', icon: <AlertOutlined /> },
];
