import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import { makeMatch, makeNeed, makeService } from '../../test-factories';
import NeedPage from './index';

beforeEach(() => {
  sessionStore.clear();
  setRouterParams({ id: 'n1' });
});

const asStaff = () =>
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['community_staff'] }) })));
const asMember = () => act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: 'm-1' }) })));

describe('NeedPage', () => {
  it('shows staff the matches with the reasons and points, invites one, and lists the sign-ups', async () => {
    asStaff();
    fakeApi((call) => {
      if (call.path === '/api/volunteer/needs/n1') return ok(makeNeed({ id: 'n1', canManage: true, signedUp: 1 }));
      if (call.path === '/api/volunteer/needs/n1/matches')
        return ok([makeMatch({ cardId: 'k1' }), makeMatch({ cardId: 'k2', memberName: '孙*', signedUp: true })]);
      if (call.path === '/api/volunteer/needs/n1/services')
        return ok([makeService({ id: 's1', origin: 'need', memberName: '孙*' })]);
      if (call.path === '/api/volunteer/needs/n1/invite') return ok({ invited: true });
      return undefined;
    });
    render(<NeedPage />);

    expect(await screen.findByText('推荐的志愿者')).toBeInTheDocument();
    expect(byId('need-match-k1-score')).toHaveTextContent('90 分');
    expect(byId('need-match-k1-reasons')).toHaveTextContent('擅长水电维修+40');
    expect(byId('need-match-k1-reasons')).toHaveTextContent('服务区域就在需求所在社区+30');
    expect(document.getElementById('need-invite-k2')).toBeNull();
    fireEvent.click(byId('need-invite-k1'));
    expect(await screen.findByText('已发出邀请，对方会在消息里看到')).toBeInTheDocument();
    expect(callsTo('POST', '/api/volunteer/needs/n1/invite')[0].data).toEqual({ cardId: 'k1' });
    fireEvent.click(byId('need-service-s1'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.volunteerService}?id=s1` });
  });

  it('says when nobody matches and nobody signed up, and cancels the need', async () => {
    asStaff();
    fakeApi((call) => {
      if (call.method === 'GET' && call.path === '/api/volunteer/needs/n1')
        return ok(makeNeed({ id: 'n1', canManage: true }));
      if (call.path === '/api/volunteer/needs/n1/cancel')
        return ok(makeNeed({ id: 'n1', canManage: true, status: 'cancelled' }));
      return ok([]);
    });
    render(<NeedPage />);
    expect(await screen.findByText('附近暂时没有这项技能的志愿者')).toBeInTheDocument();
    expect(byId('need-services-empty')).toHaveTextContent('还没有人报名');
    fireEvent.click(byId('need-cancel'));
    fireEvent.click(byId('need-cancel-sheet-confirm'));
    await waitFor(() => expect(byId('need-status')).toHaveTextContent('已取消'));
    expect(document.getElementById('need-cancel')).toBeNull();
  });

  it('lets a member sign up, then opens their service', async () => {
    asMember();
    fakeApi((call) => {
      if (call.method === 'GET') return ok(makeNeed({ id: 'n1' }));
      if (call.path === '/api/volunteer/needs/n1/signup') return ok(makeService({ id: 's7', role: 'member' }), 201);
      return undefined;
    });
    render(<NeedPage />);
    fireEvent.click(await screen.findByText('我来报名'));
    expect(await screen.findByText('您已报名')).toBeInTheDocument();
    expect(byId('need-count')).toHaveTextContent('已报名 1 人');
    fireEvent.click(byId('need-my-service'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.volunteerService}?id=s7` });
  });

  it('shows why a sign-up was refused (full)', async () => {
    asMember();
    fakeApi((call) => (call.method === 'GET' ? ok(makeNeed({ id: 'n1' })) : failure(ErrorCode.NEED_FULL)));
    render(<NeedPage />);
    fireEvent.click(await screen.findByText('我来报名'));
    await waitFor(() => expect(byId('need-signup-problem')).not.toBeEmptyDOMElement());
  });

  it('says why the need did not load, and retries', async () => {
    asMember();
    let attempts = 0;
    fakeApi(() => {
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.NOT_FOUND, '没有找到') : ok(makeNeed({ id: 'n1' }));
    });
    render(<NeedPage />);
    expect(await screen.findByText('没有找到')).toBeInTheDocument();
    fireEvent.click(byId('need-error-retry'));
    expect(await screen.findByText('我来报名')).toBeInTheDocument();
  });
});
