import { SqlParams, withinSubtrees } from './scope-sql.js';

describe(withinSubtrees.name, () => {
  it('makes one range condition per subtree, numbering placeholders after those already taken', () => {
    const params = new SqlParams();
    expect(params.add('first')).toBe('$1');
    const conditions = withinSubtrees('m.branch_path', ['/a/', '/b/c/'], params);
    expect(conditions).toEqual([
      '(m.branch_path >= $2 AND m.branch_path < $3)',
      '(m.branch_path >= $4 AND m.branch_path < $5)',
    ]);
    expect(params.values).toEqual(['first', '/a/', '/a/~', '/b/c/', '/b/c/~']);
  });

  it('reaches nothing for no subtrees', () => {
    const params = new SqlParams();
    expect(withinSubtrees('f.sending_path', [], params)).toEqual([]);
    expect(params.values).toEqual([]);
  });
});
