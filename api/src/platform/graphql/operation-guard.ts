import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { badInput } from '../errors';
import { coerceVariables, textInputProblems } from './input-guard';
import { assertAffordable } from './query-cost';

/**
 * What is checked once the operation and its variables are known, before any resolver runs:
 * variables that fit their types (with the path of each problem), text every column can hold,
 * and a cost within the budget. The same check serves HTTP (the plugin below) and WebSocket.
 */
export function guardOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): void {
  const coerced = coerceVariables(schema, operation, variables);
  if (coerced.problems.length) throw badInput(coerced.problems);
  const text = textInputProblems(schema, document, operation, coerced.values);
  if (text.length) throw badInput(text);
  assertAffordable(schema, document, operation.name?.value, variables);
}

/** Apollo's hook for the guard: a refused operation answers HTTP 400 with its typed error, never 200 with data. */
export function operationGuardPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          try {
            guardOperation(schema, document, operation, request.variables ?? {});
          } catch (error) {
            if (!(error instanceof GraphQLError)) throw error;
            throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400, headers: new HeaderMap() } } });
          }
        },
      };
    },
  };
}
