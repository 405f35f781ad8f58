import { act, fireEvent, render, screen } from '@testing-library/react';
import { ErrorCode } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { byId } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import { makeReserveEntry, page } from '../../test-factories';
import ReservePage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['org_admin'] }) })));
});

describe('ReservePage', () => {
  it('lists the county’s willing members with their skills and service record', async () => {
    fakeApi((call) => {
      if (call.path === '/api/orgs') return ok([{ id: 'county-1', name: '修武县委组织部' }]);
      if (call.path === '/api/volunteer/reserve') return ok(page([makeReserveEntry({ memberId: 'm1' })]));
      return undefined;
    });
    render(<ReservePage />);

    expect(await screen.findByText('刘建国')).toBeInTheDocument();
    expect(byId('reserve-m1')).toHaveTextContent('村（社区）后备干部');
    expect(byId('reserve-m1')).toHaveTextContent('管道疏通');
    expect(byId('reserve-m1-record')).toHaveTextContent('志愿服务 3 次，共 4.5 小时，评分 4.7');
    expect(callsTo('GET', '/api/volunteer/reserve')[0].query).toEqual({ orgId: 'county-1' });
  });

  it('says when nobody has pledged yet', async () => {
    fakeApi((call) => (call.path === '/api/orgs' ? ok([{ id: 'county-1', name: '修武县' }]) : ok(page([]))));
    render(<ReservePage />);
    expect(await screen.findByText('还没有党员登记回乡意愿')).toBeInTheDocument();
  });

  it('says why the list did not load, and retries', async () => {
    let attempts = 0;
    fakeApi((call) => {
      if (call.path === '/api/orgs') return ok([{ id: 'county-1', name: '修武县' }]);
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.FORBIDDEN, '没有权限') : ok(page([]));
    });
    render(<ReservePage />);
    expect(await screen.findByText('没有权限')).toBeInTheDocument();
    fireEvent.click(byId('reserve-error-retry'));
    expect(await screen.findByText('还没有党员登记回乡意愿')).toBeInTheDocument();
  });
});
