import { checkPassword } from './auth.js';

describe('checkPassword', () => {
  it.each([
    ['Pioneer@2026', 'shuji', []],
    ['correct-horse-42', 'x', []],
    ['Short1!', 'x', ['too_short']],
    ['alllowercaseletters', 'x', ['too_few_kinds']],
    ['Password123', 'x', ['too_common']],
    ['wangHong-2026', 'wanghong', ['contains_username']],
    ['a'.repeat(129), 'x', ['too_long', 'too_few_kinds']],
  ])('judges %s (user %s) as %j', (password, username, problems) => {
    expect(checkPassword(password, username)).toEqual(problems);
  });
});
