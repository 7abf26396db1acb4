import {
  Kind,
  TypeInfo,
  coerceInputValue,
  isInputType,
  isNonNullType,
  typeFromAST,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import type { FieldError } from '../errors';

/** `input.customer.email`, `tags[2]`: the notation the tenant configuration's errors use. */
const joinPath = (path: readonly (string | number)[]): string =>
  path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');

/** graphql-js reports a missing or unknown input field at its parent's path, naming the field in the message. */
const NAMED_FIELD = /^Field "([^"]+)" (of required type|is not defined by type)/;

function coercionProblem(path: (string | number)[], message: string): FieldError {
  const named = NAMED_FIELD.exec(message);
  if (!named) return { path: joinPath(path), message: `${joinPath(path)}: ${message}` };
  const at = joinPath([...path, named[1]]);
  return { path: at, message: named[2] === 'of required type' ? `${at} is required` : `${at} is not a known field` };
}

/**
 * Coerces the operation's variables as graphql-js would at execution, but keeps where each problem
 * is (graphql-js folds the path into its message), so a missing `input.subject` says so.
 */
export function coerceVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  inputs: Record<string, unknown>,
): { values: Record<string, unknown>; problems: FieldError[] } {
  const values: Record<string, unknown> = {};
  const problems: FieldError[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    // Validation has already refused unknown and non-input variable types.
    if (!type || !isInputType(type)) continue;
    if (!Object.hasOwn(inputs, name) || inputs[name] === undefined) {
      if (isNonNullType(type) && !definition.defaultValue) problems.push({ path: name, message: `${name} is required` });
      continue;
    }
    if (inputs[name] === null && isNonNullType(type)) {
      problems.push({ path: name, message: `${name} must not be null` });
      continue;
    }
    values[name] = coerceInputValue(inputs[name], type, (path, _invalid, error) => problems.push(coercionProblem([name, ...path], error.message)));
  }
  return { values, problems };
}

const NUL = '\u0000';
/** A UTF-16 surrogate without its partner: not a character, and PostgreSQL refuses to store it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string): string | undefined {
  if (text.includes(NUL)) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(text)) return 'must not contain an unpaired UTF-16 surrogate';
  return undefined;
}

/** Every string in a coerced value, keys of free-form JSON objects included. */
function collectTextProblems(value: unknown, path: string, problems: FieldError[]): void {
  if (typeof value === 'string') {
    const message = textProblem(value);
    if (message) problems.push({ path, message: `${path} ${message}` });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => collectTextProblems(item, `${path}[${i}]`, problems));
  } else if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const keyMessage = textProblem(key);
      if (keyMessage) problems.push({ path, message: `${path} has a key that ${keyMessage}` });
      collectTextProblems(item, `${path}.${key}`, problems);
    }
  }
}

function reachableFragments(document: DocumentNode, operation: OperationDefinitionNode): FragmentDefinitionNode[] {
  const byName = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const found = new Map<string, FragmentDefinitionNode>();
  const pending: (OperationDefinitionNode | FragmentDefinitionNode)[] = [operation];
  while (pending.length) {
    visit(pending.pop()!, {
      FragmentSpread(spread) {
        const fragment = byName.get(spread.name.value);
        if (fragment && !found.has(fragment.name.value)) {
          found.set(fragment.name.value, fragment);
          pending.push(fragment);
        }
      },
    });
  }
  return [...found.values()];
}

/** Text no column can hold in the variables as sent, at their paths (`input.description`), whatever type they feed. */
export function variableTextProblems(operation: OperationDefinitionNode, inputs: Record<string, unknown>): FieldError[] {
  const problems: FieldError[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (Object.hasOwn(inputs, name)) collectTextProblems(inputs[name], name, problems);
  }
  return problems;
}

/** An argument written inline (not a variable), with the type it feeds. */
interface LiteralArgument {
  name: string;
  type: GraphQLInputType;
  value: ValueNode;
}

/** Each operation's inline arguments, found once per parsed document (the server keeps parsed documents). */
const literalsOf = new WeakMap<OperationDefinitionNode, { schema: GraphQLSchema; literals: LiteralArgument[] }>();

function literalArguments(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): LiteralArgument[] {
  const known = literalsOf.get(operation);
  if (known?.schema === schema) return known.literals;
  const literals: LiteralArgument[] = [];
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Argument(node) {
      const argument = typeInfo.getArgument();
      if (argument && node.value.kind !== Kind.VARIABLE) literals.push({ name: node.name.value, type: argument.type, value: node.value });
    },
  });
  for (const definition of [operation, ...reachableFragments(document, operation)]) visit(definition, visitor);
  literalsOf.set(operation, { schema, literals });
  return literals;
}

/**
 * The same for arguments written inline in any field the operation selects, fragments included, at
 * any depth of input objects and lists, at the argument's path (`filter.text`).
 */
export function literalTextProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): FieldError[] {
  const problems: FieldError[] = [];
  for (const { name, type, value } of literalArguments(schema, document, operation)) {
    collectTextProblems(valueFromAST(value, type, variables), name, problems);
  }
  return problems;
}
