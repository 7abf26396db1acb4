import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';
import { MAX_PAGE_SIZE } from './pagination';

export const MAX_DEPTH = 10;
export const MAX_COST = 20_000;
const LIST_ARGS = ['first', 'last'];

/** Validation runs once per document, before variables are known: a variable page size counts as the maximum. */
const pageSize = (value: ValueNode): number => (value.kind === Kind.INT ? Number(value.value) : MAX_PAGE_SIZE);

interface Measure {
  depth: number;
  cost: number;
}

/**
 * Walks a selection set once, measuring depth and an estimated cost: every field costs 1, and a
 * field taking `first`/`last` multiplies the cost of what it selects by that page size.
 */
function measure(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, seen: Set<string>): Measure {
  let depth = 0;
  let cost = 0;
  for (const sel of set.selections) {
    let inner: Measure = { depth: 0, cost: 0 };
    let multiplier = 1;
    let own = 0;
    if (sel.kind === Kind.FIELD) {
      own = 1;
      const page = sel.arguments?.find((a) => LIST_ARGS.includes(a.name.value));
      if (page) multiplier = Math.min(pageSize(page.value), MAX_PAGE_SIZE);
      if (sel.selectionSet) inner = measure(sel.selectionSet, fragments, seen);
      depth = Math.max(depth, inner.depth + 1);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      inner = measure(sel.selectionSet, fragments, seen);
      depth = Math.max(depth, inner.depth);
    } else {
      const fragment = fragments[sel.name.value];
      if (!fragment || seen.has(sel.name.value)) continue; // unknown or cyclic: other rules report it
      inner = measure(fragment.selectionSet, fragments, new Set([...seen, sel.name.value]));
      depth = Math.max(depth, inner.depth);
    }
    cost += own + multiplier * inner.cost;
  }
  return { depth, cost };
}

/** A validation rule refusing operations deeper than MAX_DEPTH or costlier than MAX_COST. */
export function operationLimits(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const def of context.getDocument().definitions) {
        if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
      }
      const { depth, cost } = measure(node.selectionSet, fragments, new Set());
      if (depth > MAX_DEPTH) {
        context.reportError(new GraphQLError(`Query is ${depth} levels deep; the limit is ${MAX_DEPTH}`, { nodes: [node], extensions: { code: 'BAD_USER_INPUT' } }));
      }
      if (cost > MAX_COST) {
        context.reportError(new GraphQLError(`Query cost ${cost} exceeds the limit of ${MAX_COST}`, { nodes: [node], extensions: { code: 'BAD_USER_INPUT' } }));
      }
    },
  };
}
