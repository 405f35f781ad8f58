import {
  GENESIS_HASH,
  canonicalEvent,
  canonicalJson,
  canonicalTimestamp,
  chainHash,
  type ChainedEvent,
} from './audit-chain.js';

const event: ChainedEvent = {
  at: '2026-03-01T08:30:00.123000Z',
  actorAccountId: '7d3c1c1e-3a9b-4d0e-9d55-0b6d3f1f0a11',
  actorKind: 'staff',
  action: 'member.reveal',
  targetType: 'member',
  targetId: '0f6c8a52-5c55-4c39-8a3e-2f4bd0b6b1e2',
  orgPath: '/a/b/',
  result: 'ok',
  clientIp: '10.0.0.7',
  details: { fields: ['idNumber'], phone: '138****5678' },
  prevHash: GENESIS_HASH,
};

describe('canonicalJson', () => {
  it('sorts object keys at every depth, so jsonb key order does not matter', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  it('leaves out undefined members as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  it('refuses values that are not plain JSON', () => {
    expect(() => canonicalJson({ a: 1n })).toThrow('plain JSON');
  });
});

describe('canonicalTimestamp', () => {
  it('writes UTC to the microsecond, as timestamptz stores it', () => {
    expect(canonicalTimestamp(new Date('2026-03-01T16:30:00.123+08:00'))).toBe('2026-03-01T08:30:00.123000Z');
  });
});

describe('chainHash', () => {
  it('is the same for the same event every time, whatever the key order of details', () => {
    const reordered = { ...event, details: { phone: '138****5678', fields: ['idNumber'] } };
    expect(chainHash(event)).toBe(chainHash({ ...event }));
    expect(chainHash(reordered)).toBe(chainHash(event));
    expect(chainHash(event)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['at', '2026-03-01T08:30:00.123001Z'],
    ['actorAccountId', null],
    ['actorKind', 'member'],
    ['action', 'member.update'],
    ['targetType', 'flow'],
    ['targetId', '0f6c8a52-5c55-4c39-8a3e-2f4bd0b6b1e3'],
    ['orgPath', '/a/c/'],
    ['result', 'denied'],
    ['clientIp', '10.0.0.8'],
    ['details', { fields: ['phone'], phone: '138****5678' }],
    ['prevHash', 'f'.repeat(64)],
  ] as const)('changes when %s changes', (field, value) => {
    expect(chainHash({ ...event, [field]: value })).not.toBe(chainHash(event));
  });

  it('does not confuse a value moved from one column into the next', () => {
    const a = { ...event, targetType: 'member', targetId: null };
    const b = { ...event, targetType: null, targetId: 'member' };
    expect(canonicalEvent(a)).not.toBe(canonicalEvent(b));
    expect(chainHash(a)).not.toBe(chainHash(b));
  });

  it('treats missing details and null details alike', () => {
    expect(chainHash({ ...event, details: undefined })).toBe(chainHash({ ...event, details: null }));
  });
});
