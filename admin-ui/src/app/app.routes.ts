import type { Routes } from '@angular/router';
import { anonymousGuard, authGuard, permissionGuard, unsavedChangesGuard } from './core/auth/auth.guard';

export const routes: Routes = [
  {
    path: 'login',
    canActivate: [anonymousGuard],
    loadComponent: () => import('./features/login/login.component').then((m) => m.LoginComponent),
  },
  {
    // The public complaint page of one tenant: no staff login, a look of its own.
    path: 'portal/:portalKey',
    loadComponent: () => import('./features/portal/portal-page.component').then((m) => m.PortalPageComponent),
  },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./layout/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'complaints' },
      {
        path: 'complaints',
        loadComponent: () => import('./features/complaints/complaint-queue.component').then((m) => m.ComplaintQueueComponent),
      },
      {
        path: 'complaints/new',
        canActivate: [permissionGuard('complaint.create')],
        loadComponent: () => import('./features/intake/intake-page.component').then((m) => m.IntakePageComponent),
      },
      {
        path: 'complaints/:id',
        loadComponent: () => import('./features/complaints/complaint-detail.component').then((m) => m.ComplaintDetailComponent),
      },
      {
        path: 'settings',
        canActivate: [permissionGuard('tenant.configure')],
        canDeactivate: [unsavedChangesGuard('/settings')],
        loadComponent: () => import('./features/tenant-config/tenant-config-page.component').then((m) => m.TenantConfigPageComponent),
      },
      {
        path: 'settings/:tab',
        canActivate: [permissionGuard('tenant.configure')],
        canDeactivate: [unsavedChangesGuard('/settings')],
        loadComponent: () => import('./features/tenant-config/tenant-config-page.component').then((m) => m.TenantConfigPageComponent),
      },
      {
        path: 'dashboard',
        canActivate: [permissionGuard('analytics.read')],
        loadComponent: () => import('./features/dashboard/dashboard-page.component').then((m) => m.DashboardPageComponent),
      },
      {
        path: 'teams',
        canActivate: [permissionGuard('team.manage')],
        loadComponent: () => import('./features/teams/teams-page.component').then((m) => m.TeamsPageComponent),
      },
      {
        path: 'users',
        canActivate: [permissionGuard('user.manage')],
        loadComponent: () => import('./features/users/users-page.component').then((m) => m.UsersPageComponent),
      },
      {
        path: 'api-keys',
        canActivate: [permissionGuard('apikey.manage')],
        loadComponent: () => import('./features/api-keys/api-keys-page.component').then((m) => m.ApiKeysPageComponent),
      },
      {
        path: 'triage',
        canActivate: [permissionGuard('tenant.configure')],
        loadComponent: () => import('./features/triage/triage-page.component').then((m) => m.TriagePageComponent),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
