import { type EnvironmentProviders, type Provider, inject } from '@angular/core';
import { Router } from '@angular/router';
import { ApolloClient, ApolloLink, CombinedGraphQLErrors, InMemoryCache, ServerError } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { provideApollo } from 'apollo-angular';
import { HttpLink } from 'apollo-angular/http';
import { print } from 'graphql';
import { Observable, from, switchMap } from 'rxjs';
import { RefreshTokenDocument, type RefreshTokenMutation } from '../../graphql/generated';
import { TokenStorage } from '../auth/token-storage';

/** Same origin in every environment: `ng serve` proxies /graphql (HTTP and WebSocket) to the API. */
export const GRAPHQL_PATH = '/graphql';

export function provideGraphql(): (Provider | EnvironmentProviders)[] {
  return [provideApollo(() => createApolloOptions(inject(HttpLink), inject(TokenStorage), inject(Router)))];
}

function createApolloOptions(httpLink: HttpLink, tokens: TokenStorage, router: Router): ApolloClient.Options {
  const auth = new SetContextLink((prev) => {
    const token = tokens.accessToken();
    return token ? { headers: { ...prev['headers'], authorization: `Bearer ${token}` } } : {};
  });

  const refresher = new TokenRefresher(tokens);
  const errors = new ErrorLink(({ error, operation, forward }) => {
    if (!isUnauthenticated(error) || operation.operationName === 'Login' || operation.operationName === 'RefreshToken') {
      return;
    }
    // Retry once with fresh tokens; when refreshing fails the session is over.
    return from(refresher.refresh()).pipe(
      switchMap((ok) => {
        if (!ok) {
          tokens.clear();
          void router.navigate(['/login'], { queryParams: { returnUrl: router.url } });
          return new Observable<ApolloLink.Result>((subscriber) => subscriber.error(error));
        }
        return forward(operation);
      }),
    );
  });

  const http = httpLink.create({ uri: GRAPHQL_PATH });
  return {
    // Subscriptions do not go through Apollo: the live feeds hold their own graphql-ws client (core/live).
    link: ApolloLink.from([errors, auth, http]),
    cache: new InMemoryCache({
      typePolicies: {
        // A tenant has one configuration; key it by id but never merge old config objects into new.
        Tenant: { fields: { config: { merge: false } } },
      },
    }),
    defaultOptions: {
      watchQuery: { fetchPolicy: 'cache-and-network' },
    },
  };
}

/** An expired access token comes back as HTTP 401 (a ServerError here), a WebSocket-style error as UNAUTHENTICATED. */
function isUnauthenticated(error: unknown): boolean {
  if (ServerError.is(error)) return error.statusCode === 401;
  return CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED');
}

/**
 * Exchanges the refresh token for a new pair. Uses fetch rather than Apollo so that it cannot loop
 * through the error link, and shares one request among operations that fail at the same moment.
 */
class TokenRefresher {
  private pending: Promise<boolean> | null = null;

  constructor(private readonly tokens: TokenStorage) {}

  refresh(): Promise<boolean> {
    this.pending ??= this.exchange().finally(() => (this.pending = null));
    return this.pending;
  }

  private async exchange(): Promise<boolean> {
    const refreshToken = this.tokens.refreshToken();
    if (!refreshToken) return false;
    try {
      const response = await fetch(GRAPHQL_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: print(RefreshTokenDocument), variables: { refreshToken } }),
      });
      const body = (await response.json()) as { data?: RefreshTokenMutation };
      const pair = body.data?.refreshToken;
      if (!pair) return false;
      this.tokens.updateTokens(pair.accessToken, pair.refreshToken);
      return true;
    } catch {
      return false;
    }
  }
}
