import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { AppError, badInput, type FieldError } from '../errors';
import { coerceVariables, literalTextProblems, variableTextProblems } from './input-guard';
import { assertAffordable } from './query-cost';

/**
 * What is checked once the operation and its variables are known, before any resolver runs:
 * variables that fit their types (with the path of each problem), text every column can hold,
 * and a cost within the budget. The same check serves HTTP (the plugin below) and WebSocket.
 */
export function guardOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): void {
  const coerced = coerceVariables(schema, operation, variables);
  const inVariables = firstPerPath([...variableTextProblems(operation, variables), ...coerced.problems]);
  if (inVariables.length) throw badInput(inVariables);
  const inline = literalTextProblems(schema, document, operation, coerced.values);
  if (inline.length) throw badInput(inline);
  assertAffordable(schema, document, operation.name?.value, variables);
}

/** A NUL that a scalar also refuses is one problem, reported as the NUL. */
const firstPerPath = (problems: FieldError[]): FieldError[] => problems.filter((problem, i) => problems.findIndex((p) => p.path === problem.path) === i);

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
            if (!(error instanceof AppError)) throw error;
            throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400, headers: new HeaderMap() } } });
          }
        },
      };
    },
  };
}
