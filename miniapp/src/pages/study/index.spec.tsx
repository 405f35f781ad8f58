import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, StudyRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../test/api';
import { makeAccount, makeSession, makeStaffAccount } from '../../../test/factories';
import { pageEvents } from '../../../test/page-events';
import { failure, ok } from '../../../test/responses';
import { makeMyPlan, makeMyStudyItem, makeMyStudyPack } from '../../../test/study-factories';
import { taroMock } from '../../../test/taro-mock';
import { byId } from '../../../test/ui';
import { monthOf } from '../../components/study-progress';
import { Routes } from '../../routes';
import { sessionStore } from '../../stores/session';
import StudyPage from './index';

jest.mock('@tarojs/taro', () => jest.requireActual('../../../test/page-events').taroWithPageEvents());

const THIS_MONTH = monthOf(new Date());

const thisMonthsPack = makeMyStudyPack({
  id: 'pack-now',
  title: '本月学习礼包：学党章',
  summary: '学习党章总纲，听一节微党课。',
  month: THIS_MONTH,
  finishedItems: 1,
  items: [
    makeMyStudyItem({ id: 'i-1', kind: 'article', title: '党章总纲', effectiveSeconds: 185, minSeconds: 300 }),
    makeMyStudyItem({
      id: 'i-2',
      kind: 'audio',
      title: '微党课：流动党员怎样过组织生活',
      effectiveSeconds: 600,
      minSeconds: 300,
      finished: true,
      hasQuiz: true,
      quizScore: 80,
    }),
  ],
});

function server(options: { packs?: unknown[]; plan?: unknown } = {}) {
  fakeApi((call) => {
    if (call.path === StudyRoutes.myPacks) return ok({ items: options.packs ?? [thisMonthsPack] });
    if (call.path === StudyRoutes.myPlan) return ok(options.plan ?? makeMyPlan());
    return undefined;
  });
}

function logInAsMember() {
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: 'm-1' }) })));
}

beforeEach(() => {
  sessionStore.clear();
});

describe('StudyPage', () => {
  it('shows this month’s pack with each item’s kind, minutes against the minimum and 已完成', async () => {
    logInAsMember();
    server();
    render(<StudyPage />);

    expect(await screen.findByText('本月学习礼包：学党章')).toBeInTheDocument();
    expect(screen.getByText('学习党章总纲，听一节微党课。')).toBeInTheDocument();
    expect(byId('study-pack-pack-now-count')).toHaveTextContent('已完成 1 / 2 项');
    expect(byId('study-item-i-1')).toHaveTextContent('图文');
    expect(byId('study-item-i-1-progress')).toHaveTextContent('已学 3 分钟 / 至少 5 分钟');
    expect(byId('study-item-i-2')).toHaveTextContent('音频');
    expect(byId('study-item-i-2-done')).toHaveTextContent('已完成');
    expect(byId('study-item-i-2-quiz')).toHaveTextContent('小测验 80 分');
    expect(callsTo('GET', StudyRoutes.myPacks)[0].query).toMatchObject({ limit: '10' });

    fireEvent.click(byId('study-item-i-1'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.studyItem}?id=i-1&packId=pack-now` });
  });

  it('says this month’s pack is not out yet when only older packs arrived', async () => {
    logInAsMember();
    server({ packs: [makeMyStudyPack({ title: '上月学习礼包', month: '2000-01' })] });
    render(<StudyPage />);

    expect(await screen.findByText('本月学习礼包还没有发布')).toBeInTheDocument();
    expect(screen.queryByText('上月学习礼包')).toBeNull();
    fireEvent.click(byId('study-packs-link'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.studyPacks });
    fireEvent.click(byId('study-history-link'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.studyHistory });
  });

  it('shows the plan’s hours and activities against what is required, and a gentle nudge when behind', async () => {
    logInAsMember();
    server({ plan: makeMyPlan({ hours: 6.5, activities: 1, expectedHoursByNow: 8, behind: true }) });
    render(<StudyPage />);

    expect(await screen.findByText('6.5 / 32 小时')).toBeInTheDocument();
    expect(byId('study-plan-progress-activities')).toHaveTextContent('1 / 4 次');
    expect(byId('study-plan-progress-expected')).toHaveTextContent('按计划应完成 8 小时');
    expect(byId('study-plan-progress-behind')).toHaveTextContent('进度落后，抽空学一学');
    expect(byId('study-plan')).not.toHaveTextContent(/排名|第\s*\d+\s*名/);

    fireEvent.click(byId('study-plan-link'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.studyPlan });
  });

  it('does not nudge a member who is on track, and says when no plan is set', async () => {
    logInAsMember();
    server({ plan: makeMyPlan({ hours: 10, behind: false }) });
    const { unmount } = render(<StudyPage />);
    expect(await screen.findByText('进度正常，继续保持')).toBeInTheDocument();
    expect(document.getElementById('study-plan-progress-behind')).toBeNull();
    unmount();

    server({ plan: makeMyPlan({ year: 2025, rule: null, hours: 2, activities: 0, behind: false }) });
    render(<StudyPage />);
    expect(await screen.findByText('2025 年的学习计划还没有制定')).toBeInTheDocument();
  });

  it('shows why the packs did not load and retries', async () => {
    logInAsMember();
    let attempts = 0;
    fakeApi((call) => {
      if (call.path === StudyRoutes.myPlan) return ok(makeMyPlan());
      if (call.path !== StudyRoutes.myPacks) return undefined;
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.FORBIDDEN) : ok({ items: [thisMonthsPack] });
    });
    render(<StudyPage />);

    expect(await screen.findByText('没有权限进行此操作')).toBeInTheDocument();
    fireEvent.click(byId('study-packs-error-retry'));
    expect(await screen.findByText('本月学习礼包：学党章')).toBeInTheDocument();
  });

  it('loads both again on pull-down, and picks up progress quietly when shown again', async () => {
    logInAsMember();
    server();
    render(<StudyPage />);
    await screen.findByText('本月学习礼包：学党章');

    act(() => pageEvents.pullDown());
    await screen.findByText('本月学习礼包：学党章');
    await waitFor(() => expect(callsTo('GET', StudyRoutes.myPacks)).toHaveLength(2));
    expect(callsTo('GET', StudyRoutes.myPlan)).toHaveLength(2);

    server({
      packs: [
        {
          ...thisMonthsPack,
          finishedItems: 2,
          items: thisMonthsPack.items.map((item) => ({ ...item, finished: true, effectiveSeconds: 400 })),
        },
      ],
    });
    act(() => pageEvents.show());

    expect(await screen.findByText('2 项内容全部学完了')).toBeInTheDocument();
    expect(document.getElementById('study-packs-loading')).toBeNull();
  });

  it('sends staff to where packs are written and completion is followed', () => {
    act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['org_admin'] }) })));
    render(<StudyPage />);

    fireEvent.click(byId('study-admin-packs'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.studyAdminPacks });
    fireEvent.click(byId('study-admin-completion'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.studyAdminCompletion });
    expect(callsTo('GET', StudyRoutes.myPacks)).toHaveLength(0);
  });

  it('asks a member who is not bound yet to bind first', () => {
    act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: null }) })));
    render(<StudyPage />);

    expect(screen.getByText('还没有绑定党员信息')).toBeInTheDocument();
    fireEvent.click(byId('study-to-me'));
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: Routes.me });
  });
});
