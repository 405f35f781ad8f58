import { act, fireEvent, render, screen } from '@testing-library/react';
import { ErrorCode, FeedbackRoutes } from '@pioneer/shared';
import { fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import { makeDueItem } from '../../test-factories';
import FeedbackDuePage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
});

describe('FeedbackDuePage', () => {
  it('lists members whose feedback is due and opens the pre-filled form for one', async () => {
    fakeApi((call) =>
      call.path === FeedbackRoutes.due
        ? ok({
            items: [
              makeDueItem(),
              makeDueItem({ flowId: 'flow-2', memberId: 'm-2', name: '李红', status: 'sent', feedbackId: 'fb-2' }),
            ],
          })
        : undefined,
    );
    render(<FeedbackDuePage />);

    expect(await screen.findByText('王小明')).toBeInTheDocument();
    expect(byId('due-count')).toHaveTextContent('待填写 1 人');
    expect(byId('due-flow-2')).toHaveTextContent('已发送，待流出地确认');
    expect(byId('due-flow-1')).toHaveTextContent('2026年第一季度 · 来自东风村党支部');

    fireEvent.click(byId('due-flow-1'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.feedbackForm}?flowId=flow-1&period=2026-Q1` });
  });

  it('says so when nothing is due', async () => {
    fakeApi((call) => (call.path === FeedbackRoutes.due ? ok({ items: [] }) : undefined));
    render(<FeedbackDuePage />);
    expect(await screen.findByText('本期没有需要填写的表现反馈')).toBeInTheDocument();
  });

  it('shows a failure with a retry that works', async () => {
    let calls = 0;
    fakeApi((call) => {
      if (call.path !== FeedbackRoutes.due) return undefined;
      calls += 1;
      return calls === 1 ? failure(ErrorCode.INTERNAL_ERROR) : ok({ items: [makeDueItem()] });
    });
    render(<FeedbackDuePage />);
    expect(await screen.findByText('系统出现问题，请稍后再试')).toBeInTheDocument();
    fireEvent.click(byId('due-error-retry'));
    expect(await screen.findByText('王小明')).toBeInTheDocument();
  });
});
