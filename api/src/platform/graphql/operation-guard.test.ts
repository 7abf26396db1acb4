import { buildSchema, getOperationAST, parse, specifiedRules, validate, type GraphQLError } from 'graphql';
import { LIMIT_RULES, MAX_ALIASES, PARSE_OPTIONS } from './operation-limits';
import { guardOperation } from './operation-guard';
import { MAX_COST, SERVICE_CALL_COST } from './query-cost';

const schema = buildSchema(`
  scalar JSON
  input CustomerInput { name: String!, tags: [String!] }
  input IntakeInput { subject: String!, description: String, customer: CustomerInput, data: JSON }
  type Item { id: ID!, title: String!, children(first: Int): [Item!]! }
  type Query {
    item(id: ID!): Item
    items(first: Int, search: String): [Item!]!
    lifecycle(id: ID!): Item
  }
  type Mutation { intake(input: IntakeInput!): Item }
`);
(schema.getQueryType()!.getFields().lifecycle as { extensions: object }).extensions = { cost: SERVICE_CALL_COST };

/** The refusal the guard throws for an operation, or undefined when it passes. */
function refusal(query: string, variables: Record<string, unknown> = {}): GraphQLError | undefined {
  const document = parse(query, PARSE_OPTIONS);
  const invalid = validate(schema, document, [...specifiedRules, ...LIMIT_RULES]);
  if (invalid.length) return invalid[0];
  try {
    guardOperation(schema, document, getOperationAST(document)!, variables);
    return undefined;
  } catch (error) {
    return error as GraphQLError;
  }
}

const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');
const INTAKE = 'mutation($input: IntakeInput!) { intake(input: $input) { id } }';

describe('operation limits', () => {
  it(`refuses more than ${MAX_ALIASES} aliases before anything runs`, () => {
    expect(refusal(`{ ${aliases(MAX_ALIASES, 'item(id: "1") { id }')} }`)).toBeUndefined();
    expect(refusal(`{ ${aliases(MAX_ALIASES + 1, 'item(id: "1") { id }')} }`)?.message).toMatch(/more than 30 aliases/);
  });

  it('refuses a document with too many tokens while parsing', () => {
    expect(() => parse(`{ ${aliases(1000, 'item(id: "1") { id }')} }`, PARSE_OPTIONS)).toThrow(/3000 tokens/);
  });

  it('refuses deep nesting and piles of directives', () => {
    const deep = `{ items { ${'children { '.repeat(10)}id${' }'.repeat(10)} } }`;
    expect(refusal(deep)?.message).toMatch(/more than 10 levels deep/);
    expect(refusal(`{ items { id ${'@include(if: true) '.repeat(31)} } }`)?.message).toMatch(/more than 30 directives/);
  });

  it('weighs a field that calls another service by its declared cost, alias by alias', () => {
    const under = Math.floor(MAX_COST / (SERVICE_CALL_COST + 1));
    expect(refusal(`{ ${aliases(under, 'lifecycle(id: "1") { id }')} }`)).toBeUndefined();
    const over = refusal(`{ ${aliases(under + 1, 'lifecycle(id: "1") { id }')} }`);
    expect(over?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: MAX_COST });
  });

  it('multiplies a page by its size, taken from variables, and by the largest page when left open', () => {
    const paged = 'query($n: Int) { items(first: $n) { children(first: $n) { children(first: $n) { id title } } } }';
    expect(refusal(paged, { n: 10 })).toBeUndefined();
    expect(refusal(paged, {})?.message).toMatch(/cost \d+ exceeds the limit of 20000/);
  });
});

describe('checks of a document the server keeps parsed (reused across requests)', () => {
  const guard = (document: ReturnType<typeof parse>, variables: Record<string, unknown>) => {
    try {
      guardOperation(schema, document, getOperationAST(document)!, variables);
      return undefined;
    } catch (error) {
      return error as GraphQLError;
    }
  };

  it('costs each request by its own page sizes and @include conditions, whatever an earlier request asked', () => {
    const document = parse(
      'query($n: Int, $deep: Boolean!, $after: String) { items(first: $n, search: $after) { children(first: $n) { children(first: $n) @include(if: $deep) { id } } } }',
    );
    expect(guard(document, { n: 10, deep: true, after: 'a' })).toBeUndefined();
    expect(guard(document, { n: 100, deep: true, after: 'b' })?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect(guard(document, { n: 100, deep: false, after: 'c' })).toBeUndefined();
    expect(guard(document, { n: 10, deep: true, after: 'd' })).toBeUndefined();
    expect(guard(document, { n: 100, deep: true, after: 'e' })?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });

  it('finds bad text in inline arguments on every request, and in variables a literal holds', () => {
    const document = parse('query($s: String) { a: items(search: "bad \\u0000") { id } b: items(search: $s) { id } }');
    for (let i = 0; i < 2; i++) {
      expect(guard(document, { s: 'fine' })?.extensions).toMatchObject({ errors: [{ path: 'search' }] });
    }
    const nested = parse('mutation($name: String!) { intake(input: { subject: "s", customer: { name: $name } }) { id } }');
    expect(guard(nested, { name: 'ok' })).toBeUndefined();
    expect(guard(nested, { name: 'x\u0000' })?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'name' }] });
  });
});

describe('input guard', () => {
  it('names the path of a missing required field in a variable', () => {
    const error = refusal(INTAKE, { input: { description: 'x', customer: {} } });
    expect(error?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      errors: expect.arrayContaining([
        { path: 'input.subject', message: 'input.subject is required' },
        { path: 'input.customer.name', message: 'input.customer.name is required' },
      ]),
    });
    expect(refusal(INTAKE, {})?.extensions).toMatchObject({ errors: [{ path: 'input', message: 'input is required' }] });
  });

  it('refuses NUL and lone surrogates in variables, nested objects, lists and JSON, with their paths', () => {
    const input = { subject: 'ok', description: 'a \u0000 b', customer: { name: 'Ada', tags: ['fine', 'bad \uD800'] }, data: { note: { deep: 'x\u0000' } } };
    const error = refusal(INTAKE, { input });
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((error?.extensions?.errors as { path: string }[]).map((e) => e.path)).toEqual([
      'input.description',
      'input.customer.tags[1]',
      'input.data.note.deep',
    ]);
  });

  it('refuses NUL in inline literals (graphql-js refuses lone surrogates there) and in fragments, and lets paired surrogates (emoji) through', () => {
    expect(refusal('{ items(search: "a\\u0000") { id } }')?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'search' }] });
    expect(refusal('query { ...F } fragment F on Query { item(id: "\\u0000") { id } }')?.extensions).toMatchObject({ errors: [{ path: 'id' }] });
    expect(refusal(INTAKE, { input: { subject: 'Kettle 🔥 broke' } })).toBeUndefined();
  });
});
