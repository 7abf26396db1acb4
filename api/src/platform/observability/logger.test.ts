import { Writable } from 'node:stream';
import { loadConfig } from '../config';
import { addLogContext, runWithLogContext } from './log-context';
import { createLogger } from './logger';
import { boundedLabel } from './metrics';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: createLogger('api', { level: 'info', pretty: false }, destination), lines };
}

describe('logger', () => {
  it('writes JSON lines with the level label and the fields of the work they belong to, as learnt', () => {
    const { logger, lines } = capture();
    runWithLogContext({ requestId: 'r-1' }, () => {
      logger.info('before auth');
      addLogContext({ tenantId: 't-1', principalKind: 'user', complaintNumber: 'C-1' });
      logger.info('after intake');
    });
    logger.info('outside');
    expect(
      lines.map(({ level, service, msg, requestId, tenantId, principalKind, complaintNumber }) => ({
        level,
        service,
        msg,
        requestId,
        tenantId,
        principalKind,
        complaintNumber,
      })),
    ).toEqual([
      { level: 'info', service: 'api', msg: 'before auth', requestId: 'r-1', tenantId: undefined, principalKind: undefined, complaintNumber: undefined },
      { level: 'info', service: 'api', msg: 'after intake', requestId: 'r-1', tenantId: 't-1', principalKind: 'user', complaintNumber: 'C-1' },
      { level: 'info', service: 'api', msg: 'outside', requestId: undefined, tenantId: undefined, principalKind: undefined, complaintNumber: undefined },
    ]);
  });

  it("keeps one line's own fields on that line: they do not join the work's context", () => {
    const { logger, lines } = capture();
    runWithLogContext({ requestId: 'r-2' }, () => {
      logger.warn({ event: 'auth.refresh_token_reused', userId: 'u-1' }, 'reuse');
      logger.info('next line of the same request');
    });
    expect(lines.map(({ msg, requestId, event, userId }) => ({ msg, requestId, event, userId }))).toEqual([
      { msg: 'reuse', requestId: 'r-2', event: 'auth.refresh_token_reused', userId: 'u-1' },
      { msg: 'next line of the same request', requestId: 'r-2', event: undefined, userId: undefined },
    ]);
  });

  it('drops lines below its level (per-request debug lines cost nothing at info)', () => {
    const { logger, lines } = capture();
    logger.debug('per request');
    expect(lines).toEqual([]);
  });

  it('is JSON in production unless asked otherwise, and quiet under tests', () => {
    const base = {
      DATABASE_URL: 'postgres://u:p@localhost:5432/db',
      JWT_SECRET: 'a-production-secret-0123456789',
      SECRETS_KEY: Buffer.alloc(32, 3).toString('base64'),
    };
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).log).toEqual({ level: 'info', pretty: false });
    expect(loadConfig({ ...base, NODE_ENV: 'development', LOG_FORMAT: 'pretty', LOG_LEVEL: 'debug' }).log).toEqual({ level: 'debug', pretty: true });
    expect(loadConfig({ ...base, NODE_ENV: 'test' }).log.level).toBe('warn');
  });
});

describe('boundedLabel', () => {
  it('keeps the first distinct names, then folds new ones and malformed ones into "other"', () => {
    const label = boundedLabel(2);
    expect(['A', 'B', 'C', 'A', 'bad name', undefined].map(label)).toEqual(['A', 'B', 'other', 'A', 'other', 'anonymous']);
  });
});
