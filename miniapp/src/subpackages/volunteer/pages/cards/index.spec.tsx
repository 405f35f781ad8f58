import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import { makeMyCard } from '../../test-factories';
import MyCardsPage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: 'm-1' }) })));
});

describe('MyCardsPage', () => {
  it('lists my cards and pauses one, with the button busy until the server answers', async () => {
    let answer: (value: unknown) => void = () => undefined;
    fakeApi((call) => {
      if (call.method === 'GET' && call.path === '/api/volunteer/me/cards')
        return ok([makeMyCard({ id: 'c1', extraSkills: '管道疏通', regionText: '七宝镇及周边' })]);
      if (call.method === 'PATCH' && call.path === '/api/volunteer/me/cards/c1')
        return new Promise((resolve) => {
          answer = () => resolve(ok(makeMyCard({ id: 'c1', status: 'paused' })));
        });
      return undefined;
    });
    render(<MyCardsPage />);

    expect(await screen.findByText('二十年水电安装经验，能修水管、换开关')).toBeInTheDocument();
    expect(byId('my-card-c1')).toHaveTextContent('七宝社区（七宝镇及周边）');
    expect(byId('my-card-c1')).toHaveTextContent('周六、周日 上午、下午');
    expect(byId('my-card-c1-status')).toHaveTextContent('展示中');
    fireEvent.click(byId('card-toggle-c1'));
    await waitFor(() => expect(byId('card-toggle-c1')).toHaveTextContent('正在暂停…'));
    expect(callsTo('PATCH', '/api/volunteer/me/cards/c1')[0].data).toEqual({ status: 'paused' });
    act(() => answer(null));
    await waitFor(() => expect(byId('my-card-c1-status')).toHaveTextContent('已暂停'));
    expect(byId('card-toggle-c1')).toHaveTextContent('恢复展示');
    fireEvent.click(byId('card-edit-c1'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.volunteerCardEdit}?id=c1` });
  });

  it('invites a first card when there is none, and stops at three', async () => {
    fakeApi(() => ok([]));
    const { unmount } = render(<MyCardsPage />);
    expect(await screen.findByText('您还没有技能卡')).toBeInTheDocument();
    fireEvent.click(byId('cards-new'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.volunteerCardEdit });
    unmount();

    fakeApi(() => ok(['a', 'b', 'c'].map((id) => makeMyCard({ id }))));
    render(<MyCardsPage />);
    await waitFor(() => expect(byId('cards-new')).toHaveTextContent('最多 3 张技能卡'));
  });

  it('says why the cards did not load, and retries', async () => {
    let attempts = 0;
    fakeApi(() => {
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.NOT_FOUND, '没有找到') : ok([]);
    });
    render(<MyCardsPage />);
    expect(await screen.findByText('没有找到')).toBeInTheDocument();
    fireEvent.click(byId('cards-error-retry'));
    expect(await screen.findByText('您还没有技能卡')).toBeInTheDocument();
  });

  it('shows a pause failure on the card and keeps it as it was', async () => {
    fakeApi((call) =>
      call.method === 'GET' ? ok([makeMyCard({ id: 'c1' })]) : failure(ErrorCode.SKILL_CARD_NOT_FOUND),
    );
    render(<MyCardsPage />);
    fireEvent.click(await screen.findByText('暂停展示'));
    expect(await screen.findByText(/技能卡/, { selector: '#card-toggle-c1-problem' })).toBeInTheDocument();
    expect(byId('my-card-c1-status')).toHaveTextContent('展示中');
  });

  it('asks an account not on the roster to bind first', () => {
    act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: null }) })));
    render(<MyCardsPage />);
    expect(byId('cards-unbound')).toHaveTextContent('请先绑定党员档案');
  });
});
