import { AuditOutlined, FlagOutlined } from '@ant-design/icons';
import type { RouteObject } from 'react-router';
import { loadPublicityDeskTexts } from '../../lib/i18n';
import type { MenuEntry } from '../menu-entry';
import { RequireArea } from '../require-auth';

/**
 * Pages of the publicity desk used outside the staff console — the applicant's objection answer, the
 * objections a user raised, the grant decision letter (兑现告知书). Their texts
 * (locales/publicity-desk) load with the route, since enterprise users do not load the consoles' texts.
 * The staff pages (declared-fact verification, publicity and objections) are in areas/staff.tsx.
 */
export const PUBLICITY_DESK_ROUTES: RouteObject[] = [
  {
    path: 'objections/mine',
    lazy: async () => {
      const [{ MyObjectionsPage }] = await Promise.all([
        import('../../features/publicity-desk/routes/my-objections-page'),
        loadPublicityDeskTexts(),
      ]);
      return {
        element: (
          <RequireArea area="objections">
            <MyObjectionsPage />
          </RequireArea>
        ),
      };
    },
  },
  {
    path: 'applications/:id/objection',
    lazy: async () => {
      const [{ AnswerObjectionPage }] = await Promise.all([
        import('../../features/publicity-desk/routes/answer-objection-page'),
        loadPublicityDeskTexts(),
      ]);
      return {
        element: (
          <RequireArea area="enterprise">
            <AnswerObjectionPage />
          </RequireArea>
        ),
      };
    },
  },
  {
    path: 'applications/:id/grant-letter',
    lazy: async () => {
      const [{ GrantLetterPage }] = await Promise.all([
        import('../../features/publicity-desk/routes/grant-letter-page'),
        loadPublicityDeskTexts(),
      ]);
      return { Component: GrantLetterPage };
    },
  },
];

/** The enterprise portal's entry; staff reach publicity through 公示与异议 (their page stays reachable). */
export const PUBLICITY_DESK_MENU: MenuEntry[] = [
  { path: '/objections/mine', area: 'enterprise', labelKey: 'menu.myObjections', icon: <FlagOutlined /> },
];

/** Staff console entries (routes in areas/staff.tsx). */
export const PUBLICITY_DESK_STAFF_MENU: MenuEntry[] = [
  {
    path: '/review/declared-facts',
    area: 'factVerification',
    labelKey: 'publicityDesk.menu.facts',
    icon: <AuditOutlined />,
  },
  {
    path: '/review/publicity',
    area: 'publicityDesk',
    labelKey: 'publicityDesk.menu.publicity',
    icon: <FlagOutlined />,
  },
];
