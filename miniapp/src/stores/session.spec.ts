import { Role } from '@pioneer/shared';
import { makeAccount, makeSession } from '../../test/factories';
import { taroMock } from '../../test/taro-mock';
import { isStaff, sessionStore } from './session';

beforeEach(() => {
  sessionStore.clear();
});

describe('sessionStore', () => {
  it('keeps the session on the device so a restart stays logged in', () => {
    const session = makeSession();

    sessionStore.set(session);

    expect(JSON.parse(taroMock.getStorageSync('pioneer.session') as string)).toEqual(session);
  });

  it('forgets the session on the device when cleared', () => {
    sessionStore.set(makeSession());

    sessionStore.clear();

    expect(sessionStore.get()).toBeNull();
    expect(taroMock.getStorageSync('pioneer.session')).toBe('');
  });

  it('tells listeners when the session changes', () => {
    const listener = jest.fn();
    const unsubscribe = sessionStore.subscribe(listener);

    sessionStore.set(makeSession());
    unsubscribe();
    sessionStore.clear();

    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe(isStaff.name, () => {
  it.each([
    [[Role.MEMBER], false],
    [[Role.MEMBER, Role.BRANCH_COMMITTEE], true],
    [[Role.ORG_ADMIN], true],
  ])('counts roles %j as staff: %s', (roles, expected) => {
    expect(isStaff(makeAccount({ roles }))).toBe(expected);
  });
});
