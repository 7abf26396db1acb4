import { CombinedGraphQLErrors } from '@apollo/client';

/** One validation message from the API, addressed by a dotted path such as `sla.investigation.major`. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * The API reports invalid input as a BAD_USER_INPUT error whose `extensions.errors` lists
 * `{ path, message }`; other errors carry only a message. Turn either into field errors plus a
 * summary the page can show.
 */
export function extractFieldErrors(error: unknown): { fieldErrors: FieldError[]; message: string } {
  if (CombinedGraphQLErrors.is(error)) {
    const fieldErrors: FieldError[] = [];
    for (const graphQLError of error.errors) {
      const list = graphQLError.extensions?.['errors'];
      if (Array.isArray(list)) {
        for (const item of list) {
          if (isFieldError(item)) fieldErrors.push({ path: normalisePath(item.path), message: item.message });
        }
      }
    }
    return { fieldErrors, message: error.errors.map((e) => e.message).join('; ') };
  }
  if (error instanceof Error) return { fieldErrors: [], message: error.message };
  return { fieldErrors: [], message: String(error) };
}

/** The GraphQL error code of the first error, such as UNAUTHENTICATED or BAD_USER_INPUT. */
export function errorCode(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const code = error.errors[0]?.extensions?.['code'];
  return typeof code === 'string' ? code : undefined;
}

/** Index field errors by path so a template can look up the message for one cell. */
export function errorsByPath(errors: readonly FieldError[]): Record<string, string> {
  const index: Record<string, string> = {};
  for (const { path, message } of errors) index[path] = index[path] ? `${index[path]}; ${message}` : message;
  return index;
}

function isFieldError(value: unknown): value is { path: string | (string | number)[]; message: string } {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (typeof candidate['path'] === 'string' || Array.isArray(candidate['path'])) && typeof candidate['message'] === 'string';
}

/**
 * zod reports paths as arrays; the API may forward them as arrays, dotted strings, or the YAML-style
 * `categories[0].children[1].code`. All become `categories.0.children.1.code`.
 */
export function normalisePath(path: string | (string | number)[]): string {
  return Array.isArray(path) ? path.join('.') : path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}
