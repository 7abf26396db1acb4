import { createHash } from 'node:crypto';

/**
 * What a failed statement may tell a log: its SQLSTATE, the table/constraint/column PostgreSQL names,
 * and a fingerprint of the statement's text. Never the statement itself, its bound values, nor
 * PostgreSQL's message and detail, which quote values ("Key (email)=(…)", "Failing row contains (…)").
 */
export interface SqlErrorSummary {
  type: string;
  message: string;
  code: string;
  table?: string;
  constraint?: string;
  column?: string;
  statement?: string;
  stack?: string;
}

/** Set on the driver's error by the ORM's knex hook (orm.ts); MikroORM copies it onto its exception. */
export const STATEMENT_FINGERPRINT = 'statementFingerprint';

/** Same text, same fingerprint: a failing statement can be matched across log lines and to its source. */
export const statementFingerprint = (sql: string): string => createHash('sha256').update(sql.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 16);

const SQLSTATE = /^[0-9A-Z]{5}$/;

type SqlErrorShape = Error & {
  code: string;
  severity?: string;
  sqlState?: string;
  table?: string;
  constraint?: string;
  column?: string;
  [STATEMENT_FINGERPRINT]?: string;
};

/** A PostgreSQL error from pg, or MikroORM's exception wrapping one (it copies pg's fields onto itself). */
function isSqlError(error: unknown): error is SqlErrorShape {
  if (!(error instanceof Error)) return false;
  const { code, severity, sqlState } = error as Partial<SqlErrorShape>;
  return typeof code === 'string' && SQLSTATE.test(code) && (typeof severity === 'string' || typeof sqlState === 'string');
}

/** Stack frames carry file names and lines only; the first line repeats the message, which may hold values. */
const framesOnly = (stack: string | undefined): string =>
  (stack ?? '')
    .split('\n')
    .filter((line) => line.trim().startsWith('at '))
    .join('\n');

export function summarizeSqlError(error: unknown): SqlErrorSummary | undefined {
  if (!isSqlError(error)) return undefined;
  const type = error.name || 'DatabaseError';
  const where = [error.table && `on ${error.table}`, error.constraint && `(constraint ${error.constraint})`].filter(Boolean).join(' ');
  const message = `${type}: SQLSTATE ${error.code}${where ? ` ${where}` : ''}`;
  return {
    type,
    message,
    code: error.code,
    ...(error.table ? { table: error.table } : {}),
    ...(error.constraint ? { constraint: error.constraint } : {}),
    ...(error.column ? { column: error.column } : {}),
    ...(error[STATEMENT_FINGERPRINT] ? { statement: error[STATEMENT_FINGERPRINT] } : {}),
    stack: `${message}\n${framesOnly(error.stack)}`,
  };
}
