import { BookOutlined } from '@ant-design/icons';
import type { RouteObject } from 'react-router';
import { RequireArea } from '../require-auth';
import type { MenuEntry } from '../menu-entry';

/**
 * The policy admin's console (政策管理, area 'catalog': policy admins write, auditors read): the zone's
 * catalog, a program's versions with their diff, the draft editor, publishing, retiring and the policy
 * sandbox. Each route is lazy and wrapped in <RequireArea area="catalog">; texts in locales/policy/*.json.
 */
const page = (load: () => Promise<React.ComponentType>) => ({
  lazy: async () => {
    const Page = await load();
    return {
      element: (
        <RequireArea area="catalog">
          <Page />
        </RequireArea>
      ),
    };
  },
});

export const POLICY_ROUTES: RouteObject[] = [
  {
    path: 'policy/programs',
    ...page(
      async () => (await import('../../features/policy-admin/routes/catalog-admin-page')).CatalogAdminPage,
    ),
  },
  {
    path: 'policy/programs/:code',
    ...page(
      async () => (await import('../../features/policy-admin/routes/program-admin-page')).ProgramAdminPage,
    ),
  },
  {
    path: 'policy/programs/:code/versions/:version/edit',
    ...page(
      async () => (await import('../../features/policy-admin/routes/draft-editor-page')).DraftEditorPage,
    ),
  },
  {
    path: 'policy/programs/:code/versions/:version/sandbox',
    ...page(async () => (await import('../../features/policy-admin/routes/sandbox-page')).SandboxPage),
  },
];

export const POLICY_MENU: MenuEntry[] = [
  { path: '/policy/programs', area: 'catalog', labelKey: 'policy.menu.catalog', icon: <BookOutlined /> },
];
