import type { ArgumentsHost } from '@nestjs/common';
import { ErrorCode } from '@pioneer/shared';
import { Writable } from 'node:stream';
import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { freePort } from '../../dev/embedded-postgres.js';
import { createLogger } from '../logging/logger.js';
import { AppException } from '../errors/app-exception.js';
import { AllExceptionsFilter, isDatabaseUnavailable } from './all-exceptions.filter.js';

interface Rendered {
  status: number;
  body: { code: string; message: string };
  headers: Record<string, string>;
  log: string;
}

function render(exception: unknown): Rendered {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  const out = { status: 0, body: undefined as unknown, headers: {} as Record<string, string> };
  const res = {
    headersSent: false,
    setHeader: (name: string, value: string) => (out.headers[name] = value),
    status(code: number) {
      out.status = code;
      return this;
    },
    json(body: unknown) {
      out.body = body;
      return this;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ method: 'POST', path: '/api/checkins' }) }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter(createLogger('info', stream)).catch(exception, host);
  return { ...out, log: chunks.join('') } as Rendered;
}

/** The error node-postgres gives when nothing listens on the database port (what a restart looks like). */
async function refusedConnection(): Promise<unknown> {
  const client = new pg.Client({ host: '127.0.0.1', port: await freePort(), user: 'x', password: 'x', database: 'x' });
  return client.connect().then(
    () => new Error('connected to a port that should be closed'),
    (error: unknown) => error,
  );
}

const sqlError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });
const failedQuery = (code: string, message: string) =>
  new QueryFailedError('INSERT INTO checkins …', [], sqlError(code, message));

describe(AllExceptionsFilter.name, () => {
  describe('a database out of reach is 503 SERVICE_UNAVAILABLE, not 500', () => {
    it.each([
      [
        'the server shutting down under a query (57P01)',
        () => failedQuery('57P01', 'terminating connection due to administrator command'),
      ],
      ['the server still starting up (57P03)', () => failedQuery('57P03', 'the database system is starting up')],
      ['a connection exception (class 08)', () => failedQuery('08006', 'connection failure')],
      ['no connection slot left (53300)', () => sqlError('53300', 'sorry, too many clients already')],
      [
        'the socket closing mid-query',
        () => new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')),
      ],
      ['the pool giving up on a connection', () => new Error('timeout exceeded when trying to connect')],
      [
        'every address refusing the connection',
        () =>
          new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], ''),
      ],
    ])('%s', (_label, make) => {
      const rendered = render(make());
      expect(rendered.status).toBe(503);
      expect(rendered.body.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
      expect(rendered.headers['Retry-After']).toBe('1');
      expect(rendered.log).toContain('database unavailable');
      expect(rendered.log).not.toContain('unhandled error');
    });

    it('a real refused connection from node-postgres', async () => {
      const error = await refusedConnection();
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(render(error).status).toBe(503);
    });
  });

  describe('other failures keep their meaning', () => {
    it.each([
      [
        'a unique violation nobody handled',
        () => failedQuery('23505', 'duplicate key value violates unique constraint'),
      ],
      ['a query naming a missing table', () => failedQuery('42P01', 'relation "nope" does not exist')],
      ['a plain bug', () => new TypeError("Cannot read properties of undefined (reading 'id')")],
    ])('%s is a logged 500', (_label, make) => {
      const rendered = render(make());
      expect(rendered.status).toBe(500);
      expect(rendered.body.code).toBe(ErrorCode.INTERNAL_ERROR);
      expect(rendered.log).toContain('unhandled error');
    });

    it('an app exception keeps its own code and status', () => {
      const rendered = render(new AppException(ErrorCode.CODE_EXPIRED));
      expect(rendered.status).toBe(410);
      expect(rendered.body.code).toBe(ErrorCode.CODE_EXPIRED);
      expect(rendered.headers['Retry-After']).toBeUndefined();
    });
  });
});
