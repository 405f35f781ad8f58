import { ErrorCode } from '@pioneer/shared';
import { AppException } from '../errors/app-exception.js';

/** An opaque keyset cursor: the sort key and id of the last row of a page. */
export function encodeCursor(parts: readonly [string, string]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** Reads a cursor made by encodeCursor, each part checked against its pattern; anything else is the client's mistake. */
export function decodeCursor(cursor: string, patterns: readonly [RegExp, RegExp]): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      patterns[0].test(value[0]) &&
      patterns[1].test(value[1])
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // one answer for every bad cursor, below
  }
  throw new AppException(ErrorCode.VALIDATION_FAILED, '分页参数不正确，请从第一页重新加载', [
    { path: 'cursor', problem: 'cursor must be a nextCursor returned by this list' },
  ]);
}
