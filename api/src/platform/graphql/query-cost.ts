import type { DocumentNode, GraphQLField, GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { Extensions } from 'type-graphql';
import { AppError, ErrorCode } from '../errors';
import { MAX_PAGE_SIZE } from './pagination';

export const MAX_COST = 20_000;
/** A field that waits on another service (a Temporal query or Update) per occurrence: 20 fit in one operation. */
export const SERVICE_CALL_COST = 1000;
/** A password hash (bcrypt) burns ~100 ms of the event loop's CPU: 4 fit in one operation. */
export const PASSWORD_HASH_COST = 5000;
/** Past this many evaluated selections (fragment spreads re-expand each time) the walk itself stops. */
const MAX_QUERY_NODES = 10_000;
const LIST_ARGS = ['first', 'last'];

/** Declares what one occurrence of a field costs when it does more than read a row or two. */
export const Cost = (cost: number) => Extensions({ cost });

const ownCost = (field: GraphQLField<unknown, unknown>): number => {
  const cost = field.extensions?.cost;
  return typeof cost === 'number' ? cost : 1;
};

/**
 * Every field costs 1 (or its declared Cost), and a field taking `first`/`last` multiplies the cost
 * of what it selects by that page size (the maximum page when the caller leaves it to the server).
 * Aliases are selections like any other, so each one is counted.
 */
const pagedCost: ComplexityEstimator = ({ field, args, childComplexity }) => ownCost(field) + pageSize(field, args) * childComplexity;

function pageSize(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  const paging = LIST_ARGS.find((name) => field.args.some((a) => a.name === name));
  if (paging === undefined) return 1;
  const value = args[paging];
  return typeof value === 'number' ? Math.min(Math.max(value, 1), MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
}

const tooComplex = (message: string, extra: Record<string, unknown> = {}) => new AppError(ErrorCode.QUERY_TOO_COMPLEX, message, { limit: 'cost', ...extra });

/** Refuses an operation whose estimated cost is over MAX_COST; variables must already be valid for it. */
export function assertAffordable(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): void {
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, operationName, variables, estimators: [pagedCost], maxQueryNodes: MAX_QUERY_NODES });
  } catch {
    // The only failure left once variables are valid is the node budget.
    throw tooComplex(`Query expands to more than ${MAX_QUERY_NODES} selections`);
  }
  if (cost > MAX_COST) throw tooComplex(`Query cost ${cost} exceeds the limit of ${MAX_COST}`, { cost, maxCost: MAX_COST });
}
