import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { storage } from '../../../../platform';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import { makeBoardCard, makeNeed, page, SKILLS } from '../../test-factories';
import BoardPage, { BOARD_AREA_KEY } from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: null, displayName: '王阿姨' }) })));
});

describe('BoardPage', () => {
  it('asks for the community first, remembers it, and shows its cards masked', async () => {
    fakeApi((call) => {
      if (call.path === '/api/volunteer/skills') return ok(SKILLS);
      if (call.path === '/api/volunteer/areas')
        return ok([{ id: 'c1', name: '七宝社区', level: 'village', selectable: true }]);
      if (call.path === '/api/volunteer/board/cards')
        return ok(page([makeBoardCard({ id: 'k1', ratingAverage: 4.8, servicesConfirmed: 3 })]));
      return undefined;
    });
    render(<BoardPage />);

    fireEvent.click(await screen.findByText('七宝社区'));
    expect(await screen.findByText('刘*国（党员志愿者）')).toBeInTheDocument();
    expect(byId('board-area-name')).toHaveTextContent('七宝社区志愿板');
    expect(byId('board-card-k1')).toHaveTextContent('已服务 3 次，评分 4.8');
    expect(callsTo('GET', '/api/volunteer/board/cards')[0].query).toEqual({ areaId: 'c1' });
    expect(storage.get(BOARD_AREA_KEY)).toEqual({ id: 'c1', name: '七宝社区' });
    fireEvent.click(byId('board-card-k1'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.volunteerCard}?id=k1` });
  });

  it('filters by skill and switches to the needs', async () => {
    storage.set(BOARD_AREA_KEY, { id: 'c1', name: '七宝社区' });
    fakeApi((call) => {
      if (call.path === '/api/volunteer/skills') return ok(SKILLS);
      if (call.path === '/api/volunteer/board/cards') return ok(page([]));
      if (call.path === '/api/volunteer/board/needs') return ok(page([makeNeed({ id: 'n1', signedUp: 1 })]));
      return undefined;
    });
    render(<BoardPage />);

    expect(await screen.findByText('这里还没有志愿者的技能卡')).toBeInTheDocument();
    fireEvent.click(await screen.findByText('法律咨询'));
    expect(await screen.findByText('这项技能暂时没有志愿者')).toBeInTheDocument();
    expect(callsTo('GET', '/api/volunteer/board/cards').at(-1)?.query).toEqual({ areaId: 'c1', skill: 'legal_advice' });
    fireEvent.click(byId('board-tab-needs'));
    expect(await screen.findByText('老旧小区水管检修')).toBeInTheDocument();
    expect(byId('board-need-n1-count')).toHaveTextContent('需要 2 人，已报名 1 人');
    expect(callsTo('GET', '/api/volunteer/board/needs')[0].query).toEqual({ areaId: 'c1', skill: 'legal_advice' });
    fireEvent.click(byId('board-need-n1'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.volunteerNeed}?id=n1` });
  });

  it('says why the board did not load, and retries', async () => {
    storage.set(BOARD_AREA_KEY, { id: 'c1', name: '七宝社区' });
    let attempts = 0;
    fakeApi((call) => {
      if (call.path === '/api/volunteer/skills') return ok(SKILLS);
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.VALIDATION_FAILED, '社区不存在') : ok(page([makeBoardCard()]));
    });
    render(<BoardPage />);
    expect(await screen.findByText('社区不存在')).toBeInTheDocument();
    fireEvent.click(byId('board-error-retry'));
    expect(await screen.findByText('刘*国（党员志愿者）')).toBeInTheDocument();
  });

  it('lets the community be changed', async () => {
    storage.set(BOARD_AREA_KEY, { id: 'c1', name: '七宝社区' });
    fakeApi((call) => {
      if (call.path === '/api/volunteer/skills') return ok(SKILLS);
      if (call.path === '/api/volunteer/areas')
        return ok([{ id: 'c2', name: '新镇社区', level: 'village', selectable: true }]);
      return ok(page([]));
    });
    render(<BoardPage />);
    fireEvent.click(await screen.findByText('换一个社区'));
    fireEvent.click(await screen.findByText('新镇社区'));
    await waitFor(() => expect(byId('board-area-name')).toHaveTextContent('新镇社区志愿板'));
    expect(callsTo('GET', '/api/volunteer/board/cards').at(-1)?.query).toEqual({ areaId: 'c2' });
  });
});
