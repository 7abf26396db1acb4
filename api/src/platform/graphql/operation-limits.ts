import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';

export const MAX_TOKENS = 3000;
export const MAX_DEPTH = 10;
export const MAX_ALIASES = 30;
export const MAX_DIRECTIVES = 30;

/** graphql-js counts tokens while parsing and aborts past the limit: a huge document never becomes an AST. */
export const PARSE_OPTIONS: ParseOptions = { maxTokens: MAX_TOKENS };

/**
 * graphql-armor's rules, reporting through the validation context instead of throwing (a throw would
 * escape `validate()` and abort the other rules' reports), with a message that names the limit.
 */
const reportAs = (message: string, limit: string) => ({
  exposeLimits: false,
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null) => context?.reportError(new GraphQLError(message, { extensions: { limit } }))],
});

/** Static shape limits, checked once per document before anything runs (HTTP and WebSocket alike). */
export const LIMIT_RULES: ValidationRule[] = [
  maxDepthRule({ n: MAX_DEPTH, ignoreIntrospection: false, ...reportAs(`Query is more than ${MAX_DEPTH} levels deep`, 'depth') }),
  maxAliasesRule({ n: MAX_ALIASES, ...reportAs(`Query has more than ${MAX_ALIASES} aliases`, 'aliases') }),
  maxDirectivesRule({ n: MAX_DIRECTIVES, ...reportAs(`Query has more than ${MAX_DIRECTIVES} directives`, 'directives') }),
] as ValidationRule[];
