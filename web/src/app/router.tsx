import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, Navigate, Outlet, ScrollRestoration, type RouteObject } from 'react-router';
import { AuthProvider, useAuth } from '../lib/auth.js';
import { useT } from '../lib/i18n.js';
import { FullPageSpin } from '../components/page-skeleton.js';
import { NoAccessPage, NotFoundPage } from '../components/lazy-result-pages.js';
import { LoginPage } from '../features/auth/login-page.js';
import { AppLayout, type RouteHandle } from './layouts/app-layout.js';
import { RequirePermission, RequireSession, RequireStage } from './guards.js';
import { RootErrorPage, RouteErrorPage } from './route-error.js';
import { appMessages } from './messages.js';
import { firstPermittedPath } from './nav.js';

// Pages load on demand (one chunk each) so the first screen stays small.
function lazyNamed<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const SetupPage = lazyNamed(() => import('../features/auth/setup-page.js'), 'SetupPage');
const ChangePasswordPage = lazyNamed(() => import('../features/auth/change-password-page.js'), 'ChangePasswordPage');
const EnrolTotpPage = lazyNamed(() => import('../features/auth/enrol-totp-page.js'), 'EnrolTotpPage');
const WorkbenchPage = lazyNamed(() => import('../features/workbench/workbench-page.js'), 'WorkbenchPage');
const AccountPage = lazyNamed(() => import('../features/account/account-page.js'), 'AccountPage');
const PersonsPage = lazyNamed(() => import('../features/persons/persons-page.js'), 'PersonsPage');
const PersonDetailPage = lazyNamed(() => import('../features/persons/person-detail-page.js'), 'PersonDetailPage');
const UnitsPage = lazyNamed(() => import('../features/units/units-page.js'), 'UnitsPage');
const UsersPage = lazyNamed(() => import('../features/users/users-page.js'), 'UsersPage');
const RolesPage = lazyNamed(() => import('../features/roles/roles-page.js'), 'RolesPage');
const AuditPage = lazyNamed(() => import('../features/audit/audit-page.js'), 'AuditPage');
const ImportWizardPage = lazyNamed(() => import('../features/imports/import-wizard-page.js'), 'ImportWizardPage');
const ImportHistoryPage = lazyNamed(() => import('../features/imports/import-history-page.js'), 'ImportHistoryPage');
const ReviewPage = lazyNamed(() => import('../features/consolidation/review-page.js'), 'ReviewPage');
const HeadcountPage = lazyNamed(() => import('../features/consolidation/headcount-page.js'), 'HeadcountPage');
const SurveyPage = lazyNamed(() => import('../features/surveys/survey-page.js'), 'SurveyPage');

function Root() {
  return (
    <AuthProvider>
      <Suspense fallback={<FullPageSpin />}>
        <Outlet />
      </Suspense>
      <ScrollRestoration />
    </AuthProvider>
  );
}

/** `/`: the workbench, or the first page the user may open, or a note that there is none. */
function HomePage() {
  const t = useT(appMessages);
  const { can } = useAuth();
  if (can('workbench.read')) return <WorkbenchPage />;
  const first = firstPermittedPath(can);
  if (first && first !== '/') return <Navigate to={first} replace />;
  return <NoAccessPage title={t('home.noPermission.title')} description={t('home.noPermission.description')} />;
}

const handle = (h: RouteHandle) => h;

const shellRoutes: RouteObject[] = [
  { index: true, element: <HomePage />, handle: handle({ title: 'nav.workbench' }) },
  {
    path: 'persons',
    element: (
      <RequirePermission permission="person.read">
        <PersonsPage />
      </RequirePermission>
    ),
    handle: handle({ title: 'nav.persons' }),
  },
  {
    path: 'persons/:id',
    element: (
      <RequirePermission permission="person.read">
        <PersonDetailPage />
      </RequirePermission>
    ),
    handle: handle({ title: 'nav.personDetail', parent: { title: 'nav.persons', path: '/persons' } }),
  },
  {
    path: 'org',
    element: (
      <RequirePermission permission="unit.read">
        <UnitsPage />
      </RequirePermission>
    ),
    handle: handle({ title: 'nav.org' }),
  },
  {
    path: 'system/users',
    element: (
      <RequirePermission permission="user.read">
        <UsersPage />
      </RequirePermission>
    ),
    handle: handle({ title: 'nav.users', group: 'system' }),
  },
  {
    path: 'system/roles',
    element: (
      <RequirePermission permission="role.read">
        <RolesPage />
      </RequirePermission>
    ),
    handle: handle({ title: 'nav.roles', group: 'system' }),
  },
  {
    path: 'system/audit',
    element: (
      <RequirePermission permission="audit.read">
        <AuditPage />
      </RequirePermission>
    ),
    handle: handle({ title: 'nav.audit', group: 'system' }),
  },
  {
    path: 'persons/import/:batchId?',
    element: (
      <RequirePermission permission="person.import">
        <ImportWizardPage />
      </RequirePermission>
    ),
    handle: handle({ title: 'nav.personImport', parent: { title: 'nav.persons', path: '/persons' } }),
  },
  {
    path: 'persons/imports',
    element: (
      <RequirePermission permission="person.import">
        <ImportHistoryPage />
      </RequirePermission>
    ),
    handle: handle({ title: 'nav.importHistory', parent: { title: 'nav.persons', path: '/persons' } }),
  },
  {
    path: 'persons/survey',
    element: (
      <RequirePermission permission="person.read">
        <SurveyPage />
      </RequirePermission>
    ),
    handle: handle({ title: 'nav.survey', parent: { title: 'nav.persons', path: '/persons' } }),
  },
  { path: 'account', element: <AccountPage />, handle: handle({ title: 'nav.account' }) },
  {
    path: 'persons/review',
    element: (
      <RequirePermission permission="person.merge">
        <ReviewPage />
      </RequirePermission>
    ),
    handle: handle({ title: 'nav.duplicateReview', parent: { title: 'nav.persons', path: '/persons' } }),
  },
  {
    path: 'persons/headcount',
    element: (
      <RequirePermission permission="person.read">
        <HeadcountPage />
      </RequirePermission>
    ),
    handle: handle({ title: 'nav.headcount', parent: { title: 'nav.persons', path: '/persons' } }),
  },
  { path: '*', element: <NotFoundPage />, handle: handle({ title: 'nav.notFound' }) },
];

export const routes: RouteObject[] = [
  {
    element: <Root />,
    errorElement: <RootErrorPage />,
    children: [
      { path: 'login', element: <LoginPage /> },
      { path: 'setup', element: <SetupPage /> },
      {
        path: 'change-password',
        element: (
          <RequireStage stage="changePassword">
            <ChangePasswordPage />
          </RequireStage>
        ),
      },
      {
        path: 'enrol-totp',
        element: (
          <RequireStage stage="enrolTotp">
            <EnrolTotpPage />
          </RequireStage>
        ),
      },
      {
        element: (
          <RequireSession>
            <AppLayout />
          </RequireSession>
        ),
        children: [{ errorElement: <RouteErrorPage />, children: shellRoutes }],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
