import { act, fireEvent, render, screen } from '@testing-library/react';
import { StudyRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { ok } from '../../../../../test/responses';
import { makeMyStudyItem, makeMyStudyPack } from '../../../../../test/study-factories';
import { reachBottom, taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import StudyPacksPage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: 'm-1' }) })));
});

describe('StudyPacksPage', () => {
  it('lists every pack delivered, page by page, and opens one', async () => {
    const item = () => makeMyStudyItem();
    fakeApi((call) => {
      if (call.path !== StudyRoutes.myPacks) return undefined;
      return call.query.cursor === 'c-2'
        ? ok({ items: [makeMyStudyPack({ id: 'p-old', title: '1月学习礼包', month: '2025-01' })] })
        : ok({
            items: [makeMyStudyPack({ id: 'p-2', title: '2月学习礼包', items: [item(), item()], finishedItems: 2 })],
            nextCursor: 'c-2',
          });
    });
    render(<StudyPacksPage />);

    expect(await screen.findByText('2月学习礼包')).toBeInTheDocument();
    expect(byId('packs-item-p-2')).toHaveTextContent('全部学完');
    act(() => reachBottom());
    expect(await screen.findByText('1月学习礼包')).toBeInTheDocument();
    expect(callsTo('GET', StudyRoutes.myPacks)[1].query).toMatchObject({ cursor: 'c-2', limit: '10' });
    expect(byId('packs-end')).toHaveTextContent('共 2 条');

    fireEvent.click(byId('packs-item-p-old'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.studyPack}?id=p-old` });
  });

  it('says so when nothing has been delivered yet', async () => {
    fakeApi((call) => (call.path === StudyRoutes.myPacks ? ok({ items: [] }) : undefined));
    render(<StudyPacksPage />);

    expect(await screen.findByText('还没有收到学习礼包')).toBeInTheDocument();
  });
});
