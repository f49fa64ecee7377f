import { AuditOutlined } from '@ant-design/icons';
import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation, useParams, type RouteObject } from 'react-router';
import { canAccess } from '../../lib/access';
import { useMe } from '../../lib/auth/use-me';
import type { MenuEntry } from '../menu-entry';
import { PUBLICITY_DESK_STAFF_MENU } from './publicity-desk';
import { RequireArea } from '../require-auth';

/**
 * The staff console (审批端: officers, experts, directors, policy admins, leaders): its routes and menu
 * entries. Each route is lazy and wrapped in <RequireArea>; its texts live in locales/staff/*.json.
 *
 * 审核工作台 (/review) and the reviewer's case page (/review/applications/:id). Links in notifications
 * are /applications/:id for everyone; <ReviewerCaseRedirect> sends reviewers from there to their page.
 */
export const STAFF_ROUTES: RouteObject[] = [
  {
    path: 'review',
    lazy: async () => {
      const { InboxPage } = await import('../../features/staff/routes/inbox-page');
      return {
        element: (
          <RequireArea area="review">
            <InboxPage />
          </RequireArea>
        ),
      };
    },
  },
  {
    path: 'review/declared-facts',
    lazy: async () => {
      const { FactReviewPage } = await import('../../features/publicity-desk/routes/fact-review-page');
      return {
        element: (
          <RequireArea area="factVerification">
            <FactReviewPage />
          </RequireArea>
        ),
      };
    },
  },
  {
    path: 'review/publicity',
    lazy: async () => {
      const { PublicityDeskPage } = await import('../../features/publicity-desk/routes/publicity-desk-page');
      return {
        element: (
          <RequireArea area="publicityDesk">
            <PublicityDeskPage />
          </RequireArea>
        ),
      };
    },
  },
  {
    path: 'review/applications/:id',
    lazy: async () => {
      const { StaffCasePage } = await import('../../features/staff/routes/case-page');
      return {
        element: (
          <RequireArea area="review">
            <StaffCasePage />
          </RequireArea>
        ),
      };
    },
  },
];

export const STAFF_MENU: MenuEntry[] = [
  { path: '/review', area: 'review', labelKey: 'staff.menu.inbox', icon: <AuditOutlined /> },
  ...PUBLICITY_DESK_STAFF_MENU,
];

/**
 * Wraps the shared case route (/applications/:id, what notification links open): reviewers (the
 * 'review' area) go to /review/applications/:id, everyone else sees `children` (the enterprise's page).
 */
export function ReviewerCaseRedirect({ children }: { children: ReactNode }) {
  const { id = '' } = useParams();
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (canAccess(me.data?.role, 'review'))
    return (
      <Navigate
        to={`/review/applications/${encodeURIComponent(id)}${location.search}${location.hash}`}
        replace
      />
    );
  return <>{children}</>;
}
