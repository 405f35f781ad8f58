import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, StudyRoutes, type StudyItemInput, type StudyPackView } from '@pioneer/shared';
import { callsTo, fakeApi, sentCalls, type SentCall } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok, type FakeResponse } from '../../../../../test/responses';
import { makeDelivery, makeStudyItemView, makeStudyPackView } from '../../../../../test/study-factories';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { pathOf } from '../../../../services/path';
import { sessionStore } from '../../../../stores/session';
import { publishAtFrom } from './publish-card';
import StudyAdminPackPage from './index';

const packPath = pathOf(StudyRoutes.pack, { id: 'p-1' });
const publishPath = pathOf(StudyRoutes.publish, { id: 'p-1' });
const deliveryPath = pathOf(StudyRoutes.delivery, { id: 'p-1' });
const itemsPath = pathOf(StudyRoutes.packItems, { id: 'p-1' });

const items = [
  makeStudyItemView({ id: 'i-1', title: '党章总纲', minSeconds: 300 }),
  makeStudyItemView({
    id: 'i-2',
    kind: 'audio',
    title: '微党课',
    body: null,
    url: 'https://a.test/1.mp3',
    quiz: [{ text: '题', options: ['甲', '乙'], answer: 0 }],
  }),
  makeStudyItemView({ id: 'i-3', kind: 'pdf_link', title: '管理办法', body: null, url: 'https://f.test/1.pdf' }),
];

function draft(overrides: Partial<StudyPackView> = {}): StudyPackView {
  return makeStudyPackView({
    id: 'p-1',
    title: '4月学习礼包',
    ownerOrgId: 'o-1',
    ownerOrgName: '武川县委组织部',
    audience: { orgId: 'o-1', scope: 'members_away' },
    items,
    ...overrides,
  });
}

function server(route: (call: SentCall) => FakeResponse | undefined, pack: () => StudyPackView = () => draft()) {
  fakeApi((call) => route(call) ?? (call.method === 'GET' && call.path === packPath ? ok(pack()) : undefined));
}

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['org_admin'] }) })));
  setRouterParams({ id: 'p-1' });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('StudyAdminPackPage', () => {
  it('shows the draft with its items, to be changed, added to or published', async () => {
    server(() => undefined);
    render(<StudyAdminPackPage />);

    expect(await screen.findByText('4月学习礼包')).toBeInTheDocument();
    expect(byId('admin-pack-status')).toHaveTextContent('草稿');
    expect(byId('admin-pack-audience')).toHaveTextContent('其中外出的流动党员');
    expect(byId('admin-item-i-1')).toHaveTextContent('1. 党章总纲');
    expect(byId('admin-item-i-1')).toHaveTextContent('至少学习 5 分钟');
    expect(byId('admin-item-i-2')).toHaveTextContent('音频');
    expect(byId('admin-item-i-2')).toHaveTextContent('测验 1 题');
    expect(document.getElementById('admin-item-i-1-up')).toBeNull();
    expect(document.getElementById('admin-item-i-3-down')).toBeNull();

    fireEvent.click(byId('admin-items-add'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: `${Routes.studyAdminItemEdit}?packId=p-1` });
    fireEvent.click(byId('admin-item-i-2-edit'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({
      url: `${Routes.studyAdminItemEdit}?packId=p-1&itemId=i-2`,
    });
    fireEvent.click(byId('admin-pack-edit'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: `${Routes.studyAdminPackEdit}?id=p-1` });
  });

  it('asks before publishing; cancelling sends nothing, confirming publishes and follows the delivery', async () => {
    jest.useFakeTimers();
    let delivered = 0;
    let status: StudyPackView['status'] = 'draft';
    server(
      (call) => {
        if (call.path === publishPath) {
          status = 'publishing';
          return ok(draft({ status }));
        }
        if (call.path === deliveryPath) {
          delivered += 600;
          if (delivered >= 1200) status = 'published';
          return ok(makeDelivery({ packId: 'p-1', status, audience: 1200, inboxDelivered: Math.min(delivered, 1200) }));
        }
        return undefined;
      },
      () => draft({ status }),
    );
    render(<StudyAdminPackPage />);

    fireEvent.click(await screen.findByText('立即发布'));
    expect(byId('publish-sheet')).toHaveTextContent('现在就发布这个学习礼包？');
    expect(byId('publish-sheet')).toHaveTextContent(
      '《4月学习礼包》共 3 项内容，将发给武川县委组织部的其中外出的流动党员',
    );
    fireEvent.click(byId('publish-sheet-cancel'));
    expect(document.getElementById('publish-sheet')).toBeNull();
    expect(callsTo('POST', publishPath)).toHaveLength(0);

    fireEvent.click(screen.getByText('立即发布'));
    fireEvent.click(byId('publish-sheet-confirm'));

    await waitFor(() => expect(byId('admin-pack-status')).toHaveTextContent('正在推送'));
    expect(callsTo('POST', publishPath)[0].data).toEqual({});
    expect(await screen.findByText('正在推送，页面会自动更新…')).toBeInTheDocument();
    expect(byId('delivery-inbox')).toHaveTextContent('600 / 1200');
    expect(byId('delivery-red-parcels')).toHaveTextContent('红色邮包（无智能手机）：42 人');

    await act(() => jest.advanceTimersByTimeAsync(3000));
    await waitFor(() => expect(byId('delivery-inbox')).toHaveTextContent('1200 / 1200'));
    await waitFor(() => expect(byId('admin-pack-status')).toHaveTextContent('已发布'));
    expect(document.getElementById('publish')).toBeNull();

    // Published: no more asking.
    const asked = callsTo('GET', deliveryPath).length;
    await act(() => jest.advanceTimersByTimeAsync(10_000));
    expect(callsTo('GET', deliveryPath)).toHaveLength(asked);
  });

  it('schedules for a time the admin picks, after confirming', async () => {
    const day = `${new Date().getFullYear() + 1}-04-01`;
    server((call) =>
      call.path === publishPath
        ? ok(draft({ status: 'scheduled', publishAt: (call.data as { publishAt: string }).publishAt }))
        : undefined,
    );
    render(<StudyAdminPackPage />);

    await screen.findByText('4月学习礼包');
    fireEvent.click(byId('publish-schedule'));
    expect(await screen.findByText('请选择发布的日期和时间')).toBeInTheDocument();
    fireEvent.change(byId('publish-date'), { target: { value: day } });
    fireEvent.change(byId('publish-time'), { target: { value: '08:00' } });
    fireEvent.click(byId('publish-schedule'));
    expect(byId('publish-sheet')).toHaveTextContent(`在 ${day} 08:00 发布？`);
    fireEvent.click(byId('publish-sheet-confirm'));

    await waitFor(() => expect(byId('admin-pack-status')).toHaveTextContent('定时发布'));
    expect(callsTo('POST', publishPath)[0].data).toEqual({ publishAt: new Date(`${day}T08:00:00`).toISOString() });
    expect(byId('publish-scheduled')).toHaveTextContent(`定于 ${day} 08:00 发布`);
  });

  it('keeps the sheet open with the server’s reason when publishing is refused', async () => {
    server((call) => (call.path === publishPath ? failure(ErrorCode.FORBIDDEN) : undefined));
    render(<StudyAdminPackPage />);

    fireEvent.click(await screen.findByText('立即发布'));
    fireEvent.click(byId('publish-sheet-confirm'));

    expect(await screen.findByText('没有权限进行此操作')).toBeInTheDocument();
    expect(byId('publish-sheet')).toBeInTheDocument();
  });

  it('does not offer publishing a pack with nothing in it', async () => {
    server(
      () => undefined,
      () => draft({ items: [] }),
    );
    render(<StudyAdminPackPage />);

    expect(await screen.findByText('请先添加学习内容再发布')).toBeInTheDocument();
    fireEvent.click(screen.getByText('立即发布'));
    expect(document.getElementById('publish-sheet')).toBeNull();
  });

  it('moves an item up by adding the moved ones again in the new order, then removing the originals', async () => {
    server((call) => {
      if (call.method === 'POST' && call.path === itemsPath) return ok(makeStudyItemView(), 201);
      if (call.method === 'DELETE') return ok(null, 204);
      return undefined;
    });
    render(<StudyAdminPackPage />);

    await screen.findByText('4月学习礼包');
    fireEvent.click(byId('admin-item-i-3-up'));

    await waitFor(() =>
      expect(callsTo('DELETE', pathOf(StudyRoutes.packItem, { id: 'p-1', itemId: 'i-2' }))).toHaveLength(1),
    );
    const writes = sentCalls().filter((call) => call.method !== 'GET');
    expect(writes.map((call) => `${call.method} ${call.path}`)).toEqual([
      `POST ${itemsPath}`,
      `POST ${itemsPath}`,
      `DELETE ${itemsPath}/i-3`,
      `DELETE ${itemsPath}/i-2`,
    ]);
    expect(writes.slice(0, 2).map((call) => (call.data as StudyItemInput).title)).toEqual(['管理办法', '微党课']);
    expect(writes[1].data).toMatchObject({ url: 'https://a.test/1.mp3', quiz: [{ answer: 0 }] });
  });

  it('deletes an item after asking', async () => {
    server((call) => (call.method === 'DELETE' ? ok(null, 204) : undefined));
    render(<StudyAdminPackPage />);

    await screen.findByText('4月学习礼包');
    fireEvent.click(byId('admin-item-i-1-delete'));
    expect(byId('admin-item-delete-sheet')).toHaveTextContent('《党章总纲》会从学习礼包中删去');
    fireEvent.click(byId('admin-item-delete-sheet-confirm'));

    await waitFor(() => expect(document.getElementById('admin-item-delete-sheet')).toBeNull());
    expect(callsTo('DELETE', `${itemsPath}/i-1`)).toHaveLength(1);
  });

  it('downloads the red-parcel list of a published pack', async () => {
    server(
      (call) => (call.path === deliveryPath ? ok(makeDelivery({ packId: 'p-1', status: 'published' })) : undefined),
      () => draft({ status: 'published', publishedAt: '2025-04-01T00:00:00.000Z' }),
    );
    taroMock.downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'blob:red-parcels', errMsg: 'ok' });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(<StudyAdminPackPage />);

    expect(await screen.findByText('已排期或已发布的学习礼包不能再修改内容。')).toBeInTheDocument();
    expect(document.getElementById('admin-items-add')).toBeNull();
    fireEvent.click(await screen.findByText('下载红色邮包名单（Excel）'));

    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(taroMock.downloadFile.mock.calls[0][0].url).toBe(pathOf(StudyRoutes.redParcels, { id: 'p-1' }));
    click.mockRestore();
  });
});

describe('StudyAdminPackPage withdrawing', () => {
  it('withdraws a published pack after asking, and says what members will see', async () => {
    const withdrawPath = pathOf(StudyRoutes.withdraw, { id: 'p-1' });
    server(
      (call) => {
        if (call.path === deliveryPath) return ok(makeDelivery({ packId: 'p-1', status: 'published' }));
        if (call.path === withdrawPath) return ok(draft({ status: 'withdrawn' }));
        return undefined;
      },
      () => draft({ status: 'published', publishedAt: '2025-04-01T00:00:00.000Z' }),
    );
    render(<StudyAdminPackPage />);

    fireEvent.click(await screen.findByText('撤回这个学习礼包'));
    expect(byId('withdraw-sheet')).toHaveTextContent('会从党员的学习礼包列表中消失，已学的时长仍然保留');
    fireEvent.click(byId('withdraw-sheet-cancel'));
    expect(callsTo('POST', withdrawPath)).toHaveLength(0);

    fireEvent.click(screen.getByText('撤回这个学习礼包'));
    fireEvent.click(byId('withdraw-sheet-confirm'));

    await waitFor(() => expect(byId('admin-pack-status')).toHaveTextContent('已撤回'));
    expect(callsTo('POST', withdrawPath)).toHaveLength(1);
    expect(document.getElementById('withdraw')).toBeNull();
    expect(document.getElementById('delivery')).toBeNull();
  });

  it('offers no withdrawing for a draft', async () => {
    server(() => undefined);
    render(<StudyAdminPackPage />);

    await screen.findByText('4月学习礼包');
    expect(document.getElementById('withdraw')).toBeNull();
  });
});

describe(publishAtFrom.name, () => {
  const now = new Date(2025, 2, 1, 12, 0);
  it('turns a later local date and time into ISO 8601 and refuses the past', () => {
    expect(publishAtFrom('2025-03-02', '08:30', now)).toEqual({
      publishAt: new Date(2025, 2, 2, 8, 30).toISOString(),
    });
    expect(publishAtFrom('2025-03-01', '11:59', now)).toEqual({ problem: '定时发布的时间须在现在之后' });
    expect(publishAtFrom('', '08:00', now)).toEqual({ problem: '请选择发布的日期和时间' });
  });
});
