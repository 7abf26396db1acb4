import { visit, type ASTNode, type DocumentNode, type GraphQLField, type GraphQLSchema } from 'graphql';
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

/**
 * The variables an operation's cost depends on: page sizes and @skip/@include conditions. Its cost is
 * the same for every request that gives them the same values, whatever else (cursors, filters) differs.
 */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  const collect = (node: ASTNode) =>
    visit(node, {
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  visit(document, {
    Argument(argument) {
      if (LIST_ARGS.includes(argument.name.value)) collect(argument.value);
    },
    Directive(directive) {
      collect(directive);
    },
  });
  return [...names].sort();
}

/** Costs already computed, per parsed document (the server keeps parsed documents) and cost-relevant variables. */
const costs = new WeakMap<DocumentNode, { schema: GraphQLSchema; names: string[]; byValues: Map<string, number> }>();
/** Distinct page sizes remembered per document before the oldest are dropped. */
const COSTS_PER_DOCUMENT = 64;

function costOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number {
  let known = costs.get(document);
  if (known?.schema !== schema) {
    known = { schema, names: costVariables(document), byValues: new Map() };
    costs.set(document, known);
  }
  const key = JSON.stringify([operationName, ...known.names.map((name) => variables[name])]);
  let cost = known.byValues.get(key);
  if (cost === undefined) {
    cost = getComplexity({ schema, query: document, operationName, variables, estimators: [pagedCost], maxQueryNodes: MAX_QUERY_NODES });
    if (known.byValues.size >= COSTS_PER_DOCUMENT) known.byValues.delete(known.byValues.keys().next().value!);
    known.byValues.set(key, cost);
  }
  return cost;
}

/** Refuses an operation whose estimated cost is over MAX_COST; variables must already be valid for it. */
export function assertAffordable(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): void {
  let cost: number;
  try {
    cost = costOf(schema, document, operationName, variables);
  } catch {
    // The only failure left once variables are valid is the node budget.
    throw tooComplex(`Query expands to more than ${MAX_QUERY_NODES} selections`);
  }
  if (cost > MAX_COST) throw tooComplex(`Query cost ${cost} exceeds the limit of ${MAX_COST}`, { cost, maxCost: MAX_COST });
}
