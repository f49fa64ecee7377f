import {
  BankOutlined,
  BellOutlined,
  BookOutlined,
  CalculatorOutlined,
  FileDoneOutlined,
  GiftOutlined,
  HomeOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { ADMIN_MENU } from './areas/admin';
import { DIRECTOR_MENU } from './areas/director';
import { FINANCE_MENU } from './areas/finance';
import { POLICY_MENU } from './areas/policy';
import { POLICY_DATA_MENU } from './areas/policy-data';
import { PUBLICITY_DESK_MENU } from './areas/publicity-desk';
import { STAFF_MENU } from './areas/staff';
import type { MenuEntry } from './menu-entry';

/**
 * The console's menu: one entry per area screen. The enterprise portal's entries are here; the staff
 * and finance consoles keep theirs beside their routes in areas/*.tsx (the role filter comes from
 * ACCESS in lib/access.ts).
 */
export type { MenuEntry } from './menu-entry';

export const MENU: MenuEntry[] = [
  { path: '/', area: 'home', labelKey: 'menu.home', icon: <HomeOutlined /> },
  { path: '/calculator', area: 'enterprise', labelKey: 'menu.calculator', icon: <CalculatorOutlined /> },
  { path: '/programs', area: 'enterprise', labelKey: 'menu.programs', icon: <BookOutlined /> },
  { path: '/offers', area: 'enterprise', labelKey: 'menu.offers', icon: <GiftOutlined /> },
  { path: '/declared-facts', area: 'enterprise', labelKey: 'menu.declaredFacts', icon: <FileDoneOutlined /> },
  { path: '/notifications', area: 'home', labelKey: 'menu.notifications', icon: <BellOutlined /> },
  { path: '/enterprise/users', area: 'enterprise', labelKey: 'menu.enterpriseUsers', icon: <TeamOutlined /> },
  {
    path: '/enterprise/bank-account',
    area: 'enterprise',
    labelKey: 'menu.bankAccount',
    icon: <BankOutlined />,
  },
  ...STAFF_MENU,
  ...DIRECTOR_MENU,
  ...FINANCE_MENU,
  ...POLICY_MENU,
  ...POLICY_DATA_MENU,
  ...ADMIN_MENU,
  ...PUBLICITY_DESK_MENU,
];
