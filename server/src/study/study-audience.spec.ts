import { SqlParams } from '../common/scope/scope-sql.js';
import { audienceSql } from './study-audience.js';

const ORG = '/p/c/county/';

describe(audienceSql.name, () => {
  it.each([
    ['members', 'SELECT m.id, m.no_smartphone FROM members m WHERE (m.branch_path >= $1 AND m.branch_path < $2)'],
    [
      'members_away',
      "SELECT m.id, m.no_smartphone FROM members m WHERE (m.branch_path >= $1 AND m.branch_path < $2) AND EXISTS (SELECT 1 FROM flows f WHERE f.member_id = m.id AND f.status IN ('approved', 'arrived', 'active', 'lost_contact'))",
    ],
    [
      'members_at_home',
      "SELECT m.id, m.no_smartphone FROM members m WHERE (m.branch_path >= $1 AND m.branch_path < $2) AND NOT EXISTS (SELECT 1 FROM flows f WHERE f.member_id = m.id AND f.status IN ('approved', 'arrived', 'active', 'lost_contact'))",
    ],
    [
      'received',
      "SELECT m.id, m.no_smartphone FROM members m WHERE EXISTS (SELECT 1 FROM flows f WHERE f.member_id = m.id AND f.status IN ('arrived', 'active') AND (f.receiving_path >= $1 AND f.receiving_path < $2))",
    ],
  ] as const)('selects the %s scope by a range on the path', (scope, sql) => {
    const params = new SqlParams();
    expect(audienceSql(scope, ORG, params)).toBe(sql);
    expect(params.values).toEqual([ORG, `${ORG}~`]);
  });

  it('narrows to one batch by a keyset range of member ids, after the placeholders already taken', () => {
    const params = new SqlParams();
    params.add('pack');
    const sql = audienceSql('members', ORG, params, { fromId: 'a', toId: 'b' });
    expect(sql).toBe(
      'SELECT m.id, m.no_smartphone FROM members m WHERE (m.branch_path >= $2 AND m.branch_path < $3) AND m.id >= $4::uuid AND m.id < $5::uuid',
    );
    expect(params.values).toEqual(['pack', ORG, `${ORG}~`, 'a', 'b']);
  });

  it('leaves the last batch open at the top', () => {
    const params = new SqlParams();
    expect(audienceSql('received', ORG, params, { fromId: 'a', toId: null })).toMatch(/AND m\.id >= \$3::uuid$/);
  });
});
