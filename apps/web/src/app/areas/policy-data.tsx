import { CloudUploadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { RouteObject } from 'react-router';
import { RequireArea } from '../require-auth';
import type { MenuEntry } from '../menu-entry';

/**
 * The policy admin's data operations (数据导入 and 免申即享核查) in area 'catalog': routes and menu
 * entries. Each route is lazy and wrapped in <RequireArea area="catalog">; texts in
 * locales/policyData/*.json. Uploads and starting sweeps show only for the roles the API allows.
 */
function lazyPage(path: string, load: () => Promise<React.ComponentType>): RouteObject {
  return {
    path,
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
  };
}

export const POLICY_DATA_ROUTES: RouteObject[] = [
  lazyPage(
    'policy-data/imports',
    async () => (await import('../../features/policy-data/routes/imports-page')).ImportsPage,
  ),
  lazyPage(
    'policy-data/imports/:id',
    async () => (await import('../../features/policy-data/routes/import-page')).ImportPage,
  ),
  lazyPage(
    'policy-data/sweeps',
    async () => (await import('../../features/policy-data/routes/sweeps-page')).SweepsPage,
  ),
  lazyPage(
    'policy-data/sweeps/:id',
    async () => (await import('../../features/policy-data/routes/sweep-page')).SweepPage,
  ),
];

export const POLICY_DATA_MENU: MenuEntry[] = [
  {
    path: '/policy-data/imports',
    area: 'catalog',
    labelKey: 'policyData.menu.imports',
    icon: <CloudUploadOutlined />,
  },
  {
    path: '/policy-data/sweeps',
    area: 'catalog',
    labelKey: 'policyData.menu.sweeps',
    icon: <ThunderboltOutlined />,
  },
];
