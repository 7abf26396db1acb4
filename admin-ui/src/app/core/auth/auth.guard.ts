import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
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
