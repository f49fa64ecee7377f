import { createBrowserRouter } from 'react-router';
import { ADMIN_ROUTES } from './areas/admin';
import { DIRECTOR_ROUTES } from './areas/director';
import { POLICY_ROUTES } from './areas/policy';
import { FINANCE_ROUTES } from './areas/finance';
import { POLICY_DATA_ROUTES } from './areas/policy-data';
import { PUBLICITY_DESK_ROUTES } from './areas/publicity-desk';
import { ReviewerCaseRedirect, STAFF_ROUTES } from './areas/staff';
import { ConsoleLayout } from './layout/console-layout';
import { NotFound, RequireArea, RequireAuth } from './require-auth';

/**
 * Routes under /app/. Each feature's screens load lazily (one chunk per area), so an enterprise user
 * never downloads the finance console. A new area: a route here wrapped in <RequireArea area=…>, its
 * entry in menu.tsx, and its roles in lib/access.ts. The staff and finance consoles keep their routes
 * in areas/*.tsx.
 */
export const router = createBrowserRouter(
  [
    {
      path: '/sign-in',
      lazy: async () => ({ Component: (await import('../features/auth/routes/sign-in-page')).SignInPage }),
    },
    {
      path: '/register',
      lazy: async () => ({ Component: (await import('../features/auth/routes/register-page')).RegisterPage }),
    },
    {
      path: '/publicity/:zone?',
      lazy: async () => ({
        Component: (await import('../features/publicity/routes/publicity-page')).PublicityPage,
      }),
    },
    {
      element: (
        <RequireAuth>
          <ConsoleLayout />
        </RequireAuth>
      ),
      children: [
        {
          index: true,
          lazy: async () => ({ Component: (await import('../features/home/routes/home-page')).HomePage }),
        },
        {
          path: 'calculator',
          lazy: async () => {
            const { CalculatorPage } = await import('../features/calculator/routes/calculator-page');
            return {
              element: (
                <RequireArea area="enterprise">
                  <CalculatorPage />
                </RequireArea>
              ),
            };
          },
        },
        {
          path: 'programs',
          lazy: async () => ({
            Component: (await import('../features/catalog/routes/catalog-page')).CatalogPage,
          }),
        },
        {
          path: 'programs/:code',
          lazy: async () => ({
            Component: (await import('../features/catalog/routes/program-page')).ProgramPage,
          }),
        },
        {
          path: 'applications/:id/edit',
          lazy: async () => {
            const { WizardPage } = await import('../features/applications/routes/wizard-page');
            return {
              element: (
                <RequireArea area="enterprise">
                  <WizardPage />
                </RequireArea>
              ),
            };
          },
        },
        {
          path: 'applications/:id',
          lazy: async () => {
            const { ApplicationPage } = await import('../features/applications/routes/application-page');
            return {
              element: (
                <ReviewerCaseRedirect>
                  <ApplicationPage />
                </ReviewerCaseRedirect>
              ),
            };
          },
        },
        {
          path: 'offers',
          lazy: async () => {
            const { OffersPage } = await import('../features/offers/routes/offers-page');
            return {
              element: (
                <RequireArea area="enterprise">
                  <OffersPage />
                </RequireArea>
              ),
            };
          },
        },
        {
          path: 'enterprise/users',
          lazy: async () => {
            const { EnterpriseUsersPage } =
              await import('../features/enterprise-users/routes/enterprise-users-page');
            return {
              element: (
                <RequireArea area="enterprise">
                  <EnterpriseUsersPage />
                </RequireArea>
              ),
            };
          },
        },
        {
          path: 'enterprise/bank-account',
          lazy: async () => {
            const { BankAccountPage } = await import('../features/bank-account/routes/bank-account-page');
            return {
              element: (
                <RequireArea area="enterprise">
                  <BankAccountPage />
                </RequireArea>
              ),
            };
          },
        },
        {
          path: 'declared-facts',
          lazy: async () => {
            const { DeclaredFactsPage } =
              await import('../features/declared-facts/routes/declared-facts-page');
            return {
              element: (
                <RequireArea area="enterprise">
                  <DeclaredFactsPage />
                </RequireArea>
              ),
            };
          },
        },
        {
          path: 'notifications',
          lazy: async () => ({
            Component: (await import('../features/notifications/routes/notifications-page'))
              .NotificationsPage,
          }),
        },
        ...STAFF_ROUTES,
        ...DIRECTOR_ROUTES,
        ...FINANCE_ROUTES,
        ...POLICY_ROUTES,
        ...POLICY_DATA_ROUTES,
        ...ADMIN_ROUTES,
        ...PUBLICITY_DESK_ROUTES,
        { path: '*', element: <NotFound /> },
      ],
    },
  ],
  { basename: '/app' },
);
