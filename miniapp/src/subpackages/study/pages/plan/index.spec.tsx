import { act, fireEvent, render, screen } from '@testing-library/react';
import { ErrorCode, StudyRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { makeMyPlan, makeMyStudyPack, makePlanRule } from '../../../../../test/study-factories';
import { byId } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import StudyPlanPage from './index';

const packs = [
  makeMyStudyPack({ id: 'p-1', title: '专题：乡村振兴政策', month: null }),
  makeMyStudyPack({ id: 'p-2', title: '专题：安全生产常识', month: null }),
  makeMyStudyPack({ id: 'p-3', title: '3月学习礼包', month: '2025-03' }),
];

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: 'm-1' }) })));
});

describe('StudyPlanPage', () => {
  it('shows the plan and lets the member choose electives up to the plan’s number', async () => {
    const plan = makeMyPlan({
      rule: makePlanRule({ electives: 2 }),
      electivesChosen: [{ packId: 'p-1', title: '专题：乡村振兴政策', finished: true }],
    });
    fakeApi((call) => {
      if (call.path === StudyRoutes.myPlan) return ok(plan);
      if (call.path === StudyRoutes.myPacks) return ok({ items: packs });
      if (call.method === 'PUT' && call.path === StudyRoutes.myElectives)
        return ok({
          ...plan,
          electivesChosen: [
            { packId: 'p-1', title: '专题：乡村振兴政策', finished: true },
            { packId: 'p-2', title: '专题：安全生产常识', finished: false },
          ],
        });
      return undefined;
    });
    render(<StudyPlanPage />);

    expect(await screen.findByText('2025 年学习计划')).toBeInTheDocument();
    expect(byId('plan-progress-hours')).toHaveTextContent('6.5 / 32 小时');
    expect(byId('plan-chosen-p-1')).toHaveTextContent('已学完');
    expect(await screen.findByText('专题：安全生产常识')).toBeInTheDocument();
    expect(byId('plan-elective-p-1')).toHaveAttribute('aria-checked', 'true');
    expect(byId('plan-electives-count')).toHaveTextContent('今年可选 2 项，已选 1 项');

    fireEvent.click(byId('plan-elective-p-2'));
    expect(byId('plan-electives-full')).toHaveTextContent('已选满 2 项');
    // A third cannot be added while two are chosen.
    fireEvent.click(byId('plan-elective-p-3'));
    expect(byId('plan-elective-p-3')).toHaveAttribute('aria-checked', 'false');
    expect(byId('plan-elective-p-3')).toHaveAttribute('aria-disabled', 'true');

    fireEvent.click(screen.getByText('保存选择'));

    expect(await screen.findByText('未学完')).toBeInTheDocument();
    expect(callsTo('PUT', StudyRoutes.myElectives)[0].data).toEqual({ packIds: ['p-1', 'p-2'] });
  });

  it('shows the server’s refusal of a choice and keeps it', async () => {
    fakeApi((call) => {
      if (call.path === StudyRoutes.myPlan) return ok(makeMyPlan({ rule: makePlanRule({ electives: 1 }) }));
      if (call.path === StudyRoutes.myPacks) return ok({ items: packs });
      if (call.path === StudyRoutes.myElectives) return failure(ErrorCode.VALIDATION_FAILED);
      return undefined;
    });
    render(<StudyPlanPage />);

    fireEvent.click(await screen.findByText('3月学习礼包'));
    fireEvent.click(screen.getByText('保存选择'));

    expect(await screen.findByText('提交的内容有误，请检查后重试')).toBeInTheDocument();
    expect(byId('plan-elective-p-3')).toHaveAttribute('aria-checked', 'true');
  });

  it('has nothing to choose when the year has no plan', async () => {
    fakeApi((call) => (call.path === StudyRoutes.myPlan ? ok(makeMyPlan({ rule: null })) : undefined));
    render(<StudyPlanPage />);

    expect(await screen.findByText('2025 年的学习计划还没有制定')).toBeInTheDocument();
    expect(document.getElementById('plan-electives')).toBeNull();
    expect(callsTo('GET', StudyRoutes.myPacks)).toHaveLength(0);
  });
});
