import { CombinedGraphQLErrors } from '@apollo/client';
import { errorCode, errorsByPath, extractFieldErrors } from './graphql-errors';

describe('extractFieldErrors', () => {
  it('turns a BAD_USER_INPUT error into field errors addressed by dotted path', () => {
    const error = new CombinedGraphQLErrors({
      errors: [
        {
          message: 'Invalid tenant configuration',
          extensions: {
            code: 'BAD_USER_INPUT',
            errors: [
              { path: 'sla.investigation.major', message: 'Too long' },
              { path: 'categories[0].children[1].name.en', message: 'Required' },
              { path: ['roles', 2, 'code'], message: 'Duplicate' },
            ],
          },
        },
      ],
    });
    const { fieldErrors, message } = extractFieldErrors(error);
    expect(fieldErrors).toEqual([
      { path: 'sla.investigation.major', message: 'Too long' },
      { path: 'categories.0.children.1.name.en', message: 'Required' },
      { path: 'roles.2.code', message: 'Duplicate' },
    ]);
    expect(message).toBe('Invalid tenant configuration');
    expect(errorCode(error)).toBe('BAD_USER_INPUT');
  });

  it('keeps the message of an error that is not from GraphQL', () => {
    expect(extractFieldErrors(new Error('offline'))).toEqual({ fieldErrors: [], message: 'offline' });
    expect(errorCode(new Error('offline'))).toBeUndefined();
  });

  it('joins two messages for one path', () => {
    expect(
      errorsByPath([
        { path: 'a', message: 'x' },
        { path: 'a', message: 'y' },
      ]),
    ).toEqual({ a: 'x; y' });
  });
});
