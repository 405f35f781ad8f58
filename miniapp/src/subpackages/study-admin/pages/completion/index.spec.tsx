import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { OrgRoutes, StudyRoutes, type StudyCompletionView } from '@pioneer/shared';
import { makeOrg } from '../../../../../test/activity-factories';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { ok } from '../../../../../test/responses';
import { makeCompletionRow } from '../../../../../test/study-factories';
import { taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { pathOf } from '../../../../services/path';
import { sessionStore } from '../../../../stores/session';
import StudyCompletionPage from './index';

const YEAR = new Date().getFullYear();
const completionPath = pathOf(StudyRoutes.completion, { orgId: 'o-1' });

function view(year: number): StudyCompletionView {
  return {
    orgId: 'o-1',
    year,
    total: makeCompletionRow({ orgId: 'o-1', orgName: '可镇党委', members: 100, onTrack: 70, behind: 30, rate: 0.7 }),
    children: [
      makeCompletionRow({ orgId: 'b-1', orgName: '东村党支部', members: 60, onTrack: 48, behind: 12, rate: 0.8 }),
      makeCompletionRow({ orgId: 'b-2', orgName: '西村党支部', members: 40, onTrack: 22, behind: 18, rate: 0.55 }),
    ],
  };
}

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['branch_secretary'] }) })));
});

describe('StudyCompletionPage', () => {
  it('shows members, on track, behind and the rate for the org and each child, with no names', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([makeOrg('o-1', '可镇党委', 'township')]);
      if (call.path === completionPath) return ok(view(Number(call.query.year)));
      return undefined;
    });
    render(<StudyCompletionPage />);

    expect(await screen.findByText('东村党支部 ›')).toBeInTheDocument();
    expect(byId('completion-total')).toHaveTextContent('合计（可镇党委）100703070%');
    expect(byId('completion-row-b-1')).toHaveTextContent('东村党支部 ›60481280%');
    expect(byId('completion-row-b-2')).toHaveTextContent('55%');
    expect(callsTo('GET', completionPath)[0].query).toEqual({ year: String(YEAR) });
    expect(byId('completion')).toHaveTextContent('不列个人姓名，也不排名');

    fireEvent.click(byId('completion-row-b-2'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.studyAdminCompletion}?orgId=b-2` });

    fireEvent.click(byId('completion-year-last'));
    await waitFor(() => expect(callsTo('GET', completionPath)[1].query).toEqual({ year: String(YEAR - 1) }));
    expect(await screen.findByText(`${YEAR - 1} 年按计划学习的情况`)).toBeInTheDocument();
  });
});
