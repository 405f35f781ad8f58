import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, EvaluationRoutes, OrgRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import { makeRound } from '../../test-factories';
import EvaluationRoundsPage, { openableYears } from './index';

const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const BRANCH = { id: 'b-1', name: '东风村党支部', level: 'branch' };

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
});

describe('openableYears', () => {
  it.each([
    ['2027-01-05T02:00:00Z', [2026, 2027]],
    ['2027-03-31T15:59:00Z', [2026, 2027]],
    // 1 April 00:00 in Beijing is 31 March 16:00 UTC.
    ['2027-03-31T16:00:00Z', [2027]],
    ['2026-11-21T02:00:00Z', [2026]],
    // New Year's Day in Beijing while it is still 31 December in UTC.
    ['2026-12-31T17:00:00Z', [2026, 2027]],
  ])('at %s offers %j', (at, years) => {
    expect(openableYears(new Date(at))).toEqual(years);
  });
});

describe('EvaluationRoundsPage', () => {
  it('opens this year’s round for the secretary’s branch and goes to it', async () => {
    fakeApi((call) => {
      if (call.method === 'GET' && call.path === EvaluationRoutes.rounds) return ok([]);
      if (call.path === OrgRoutes.list) return ok([BRANCH]);
      if (call.method === 'POST' && call.path === EvaluationRoutes.rounds)
        return ok(makeRound({ id: 'round-9', year: YEAR }), 201);
      return undefined;
    });
    render(<EvaluationRoundsPage />);

    expect(await screen.findByText('还没有民主评议')).toBeInTheDocument();
    fireEvent.click(byId('evaluation-open-button'));
    await waitFor(() =>
      expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.evaluationRound}?id=round-9` }),
    );
    expect(callsTo('POST', EvaluationRoutes.rounds)[0].data).toEqual({ branchId: 'b-1', year: YEAR });
  });

  it('lists rounds and offers no second round for the same year', async () => {
    fakeApi((call) => {
      if (call.path === EvaluationRoutes.rounds) return ok([makeRound({ branchId: 'b-1', year: YEAR, graded: 1 })]);
      if (call.path === OrgRoutes.list) return ok([BRANCH]);
      return undefined;
    });
    render(<EvaluationRoundsPage />);
    expect(await screen.findByText('参评 2 人 · 已自评 1 人 · 已评定 1 人')).toBeInTheDocument();
    expect(document.getElementById('evaluation-open-button')).toBeNull();
  });

  it('shows the server’s refusal to open a round', async () => {
    fakeApi((call) => {
      if (call.method === 'GET' && call.path === EvaluationRoutes.rounds) return ok([]);
      if (call.path === OrgRoutes.list) return ok([BRANCH]);
      if (call.method === 'POST') return failure(ErrorCode.FORBIDDEN, '民主评议由党支部书记组织');
      return undefined;
    });
    render(<EvaluationRoundsPage />);
    fireEvent.click(await screen.findByText(`开始 ${YEAR} 年度民主评议`));
    expect(await screen.findByText('民主评议由党支部书记组织')).toBeInTheDocument();
  });
});
