import { createBrowserRouter } from 'react-router';
import { Loading } from '../components/Loading';
import { RequireAuth } from '../features/auth/RequireAuth';
import { AppLayout } from './AppLayout';
import { HomeRedirect } from './HomeRedirect';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';

export function loginPathFor(next: string): string {
  return next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}

export const router = createBrowserRouter([
  {
    path: '/login',
    lazy: async () => ({ Component: (await import('../features/auth/LoginPage')).LoginPage }),
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
  },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: 'dashboard/:organizationId?',
        lazy: async () => ({ Component: (await import('../features/dashboard/DashboardPage')).DashboardPage }),
      },
      {
        path: 'organizations',
        lazy: async () => ({
          Component: (await import('../features/organizations/OrganizationsPage')).OrganizationsPage,
        }),
      },
      {
        path: 'organizations/new',
        lazy: async () => ({
          Component: (await import('../features/organizations/CreateOrganizationPage')).CreateOrganizationPage,
        }),
      },
      {
        path: 'organizations/:organizationId',
        lazy: async () => ({
          Component: (await import('../features/organizations/OrganizationDetailPage')).OrganizationDetailPage,
        }),
      },
      {
        path: 'organizations/:organizationId/edit',
        lazy: async () => ({
          Component: (await import('../features/organizations/EditOrganizationPage')).EditOrganizationPage,
        }),
      },
      {
        path: 'members',
        lazy: async () => ({ Component: (await import('../features/members/MembersPage')).MembersPage }),
      },
      {
        path: 'members/new',
        lazy: async () => ({ Component: (await import('../features/members/CreateMemberPage')).CreateMemberPage }),
      },
      {
        path: 'members/:memberId',
        lazy: async () => ({ Component: (await import('../features/members/MemberDetailPage')).MemberDetailPage }),
      },
      {
        path: 'members/:memberId/edit',
        lazy: async () => ({ Component: (await import('../features/members/EditMemberPage')).EditMemberPage }),
      },
      {
        path: 'imports/:kind',
        lazy: async () => ({ Component: (await import('../features/imports/ImportPage')).ImportPage }),
      },
      {
        path: 'my-service',
        lazy: async () => ({ Component: (await import('../features/service/MyServicePage')).MyServicePage }),
      },
      {
        path: 'volunteer-records',
        lazy: async () => ({ Component: (await import('../features/records/RecordsPage')).RecordsPage }),
      },
      {
        path: 'activities',
        lazy: async () => ({ Component: (await import('../features/activities/ActivitiesPage')).ActivitiesPage }),
      },
      {
        path: 'activities/:activityId',
        lazy: async () => ({ Component: (await import('../features/activities/ActivityDetailPage')).ActivityDetailPage }),
      },
      {
        path: 'pledges',
        lazy: async () => ({ Component: (await import('../features/pledges/PledgesPage')).PledgesPage }),
      },
      {
        path: 'hours',
        lazy: async () => ({ Component: (await import('../features/hours/HoursPage')).HoursPage }),
      },
      {
        path: 'users',
        lazy: async () => ({ Component: (await import('../features/users/UsersPage')).UsersPage }),
      },
      {
        path: 'users/:userId',
        lazy: async () => ({ Component: (await import('../features/users/UserDetailPage')).UserDetailPage }),
      },
      {
        path: 'api-keys',
        lazy: async () => ({ Component: (await import('../features/apiKeys/ApiKeysPage')).ApiKeysPage }),
      },
      {
        path: 'audit',
        lazy: async () => ({ Component: (await import('../features/audit/AuditPage')).AuditPage }),
      },
      {
        path: 'grids',
        lazy: async () => ({ Component: (await import('../features/grids/GridsPage')).GridsPage }),
      },
      {
        path: 'grids/new',
        lazy: async () => ({ Component: (await import('../features/grids/GridFormPage')).GridFormPage }),
      },
      {
        path: 'grids/:gridId',
        lazy: async () => ({ Component: (await import('../features/grids/GridDetailPage')).GridDetailPage }),
      },
      {
        path: 'grids/:gridId/edit',
        lazy: async () => ({ Component: (await import('../features/grids/GridFormPage')).GridFormPage }),
      },
      {
        path: 'grids/:gridId/teams/new',
        lazy: async () => ({ Component: (await import('../features/grids/TeamPage')).NewTeamPage }),
      },
      {
        path: 'grid-teams',
        lazy: async () => ({ Component: (await import('../features/grids/TeamsPage')).TeamsPage }),
      },
      {
        path: 'grid-teams/:teamId',
        lazy: async () => ({ Component: (await import('../features/grids/TeamPage')).TeamPage }),
      },
      {
        path: 'grid-coverage',
        lazy: async () => ({ Component: (await import('../features/grids/CoveragePage')).CoveragePage }),
      },
      {
        path: 'units',
        lazy: async () => ({ Component: (await import('../features/grids/UnitsPage')).UnitsPage }),
      },
      {
        path: 'evaluations',
        lazy: async () => ({ Component: (await import('../features/evaluations/EvaluationsPage')).EvaluationsPage }),
      },
      {
        path: 'evaluations/:evaluationId',
        lazy: async () => ({ Component: (await import('../features/evaluations/EvaluationDetailPage')).EvaluationDetailPage }),
      },
      {
        path: 'evaluation-cycles',
        lazy: async () => ({ Component: (await import('../features/evaluations/CyclesPage')).CyclesPage }),
      },
      {
        path: 'evaluation-cycles/new',
        lazy: async () => ({ Component: (await import('../features/evaluations/CycleWizardPage')).CycleWizardPage }),
      },
      {
        path: 'evaluation-cycles/:cycleId/results',
        lazy: async () => ({ Component: (await import('../features/evaluations/ResultsPage')).ResultsPage }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
