import { Writable } from 'node:stream';
import { createLogger } from './logger.js';

function capture(): { stream: Writable; lines: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { stream, lines: () => chunks.join('') };
}

describe('createLogger', () => {
  it.each([
    [{ phone: '13812345678' }, '13812345678'],
    [{ member: { idNumber: '110101199003074512' } }, '110101199003074512'],
    [{ wechat: { openid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M' } }, 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M'],
    [{ body: { refreshToken: 'pr_secret-token' } }, 'pr_secret-token'],
    [{ req: { headers: { authorization: 'Bearer pa_abc' } } }, 'pa_abc'],
    [{ res: { data: { session_key: 'tiihtNczf5v6AKRyjwEUhQ==' } } }, 'tiihtNczf5v6AKRyjwEUhQ=='],
  ])('keeps %j out of the log line', (fields, secret) => {
    const out = capture();
    createLogger('info', out.stream).info(fields, 'something happened');
    expect(out.lines()).toContain('something happened');
    expect(out.lines()).toContain('[redacted]');
    expect(out.lines()).not.toContain(secret);
  });
});
