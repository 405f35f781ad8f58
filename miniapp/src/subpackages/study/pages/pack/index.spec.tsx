import { act, fireEvent, render, screen } from '@testing-library/react';
import { ErrorCode, StudyRoutes } from '@pioneer/shared';
import { fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { pageEvents } from '../../../../../test/page-events';
import { failure, ok } from '../../../../../test/responses';
import { makeMyStudyItem, makeMyStudyPack } from '../../../../../test/study-factories';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { pathOf } from '../../../../services/path';
import { sessionStore } from '../../../../stores/session';
import StudyPackPage from './index';

jest.mock('@tarojs/taro', () => jest.requireActual('../../../../../test/page-events').taroWithPageEvents());

const packPath = pathOf(StudyRoutes.myPack, { id: 'p-1' });

const pack = (effectiveSeconds: number) =>
  makeMyStudyPack({
    id: 'p-1',
    title: '2月学习礼包',
    month: '2025-02',
    items: [
      makeMyStudyItem({ id: 'i-1', kind: 'pdf_link', title: '流动党员管理办法', effectiveSeconds, minSeconds: 180 }),
    ],
  });

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: 'm-1' }) })));
  setRouterParams({ id: 'p-1' });
});

describe('StudyPackPage', () => {
  it('shows a past pack with my progress and opens an item', async () => {
    fakeApi((call) => (call.path === packPath ? ok(pack(60)) : undefined));
    render(<StudyPackPage />);

    expect(await screen.findByText('2月学习礼包')).toBeInTheDocument();
    expect(screen.getByText('2025年2月学习礼包')).toBeInTheDocument();
    expect(byId('study-item-i-1')).toHaveTextContent('文件');
    expect(byId('study-item-i-1-progress')).toHaveTextContent('已学 1 分钟 / 至少 3 分钟');

    fireEvent.click(byId('study-item-i-1'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.studyItem}?id=i-1&packId=p-1` });
  });

  it('picks up the minutes just studied when shown again', async () => {
    let seconds = 60;
    fakeApi((call) => (call.path === packPath ? ok(pack(seconds)) : undefined));
    render(<StudyPackPage />);
    await screen.findByText('已学 1 分钟 / 至少 3 分钟');

    seconds = 240;
    act(() => pageEvents.show());

    expect(await screen.findByText('已学 4 分钟 / 至少 3 分钟')).toBeInTheDocument();
    expect(document.getElementById('pack-loading')).toBeNull();
  });

  it('shows why the pack did not load and retries', async () => {
    let attempts = 0;
    fakeApi((call) => {
      if (call.path !== packPath) return undefined;
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.NOT_FOUND) : ok(pack(0));
    });
    render(<StudyPackPage />);

    expect(await screen.findByText('找不到要访问的内容')).toBeInTheDocument();
    fireEvent.click(byId('pack-error-retry'));
    expect(await screen.findByText('2月学习礼包')).toBeInTheDocument();
  });
});
