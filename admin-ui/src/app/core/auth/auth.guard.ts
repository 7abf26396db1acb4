import { inject } from '@angular/core';
import { type CanActivateFn, type CanDeactivateFn, Router } from '@angular/router';
import { I18nService } from '../i18n/i18n.service';
import { AuthService } from './auth.service';
import { TokenStorage } from './token-storage';

/** Staff pages need a session; without one, go to login and come back afterwards. */
export const authGuard: CanActivateFn = (_route, state) => {
  const tokens = inject(TokenStorage);
  if (tokens.isAuthenticated()) return true;
  return inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** The login page is pointless with a session: go to the app. */
export const anonymousGuard: CanActivateFn = () => {
  const tokens = inject(TokenStorage);
  return tokens.isAuthenticated() ? inject(Router).createUrlTree(['/']) : true;
};

/**
 * A page whose work needs `permission`: without it the caller lands on the queue instead of a page of
 * "missing permission" banners. Who the caller is comes from `me`, loaded once per session.
 */
export function permissionGuard(permission: string): CanActivateFn {
  return async () => {
    const auth = inject(AuthService);
    const router = inject(Router);
    const me = await auth.ensureMe();
    return me?.permissions.includes(permission) ? true : router.createUrlTree(['/complaints']);
  };
}

/** A page holding edits that are not saved yet. */
export interface GuardsUnsavedChanges {
  hasUnsavedChanges(): boolean;
}

/** Leaving such a page (for anywhere but another tab of the same page) asks before the edits are lost. */
export function unsavedChangesGuard(samePagePrefix: string): CanDeactivateFn<GuardsUnsavedChanges> {
  return (component, _route, _state, next) => {
    if (!component.hasUnsavedChanges() || next?.url.startsWith(samePagePrefix)) return true;
    return window.confirm(inject(I18nService).t('common.leaveUnsaved'));
  };
}
