import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import {
  ErrorCode,
  ResponsibilityRoutes,
  type FlowResponsibilitiesView,
  type FlowResponsibilityView,
} from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import DutiesListPage, { dutyStatusLabel } from './index';

const item = (overrides: Partial<FlowResponsibilityView>): FlowResponsibilityView => ({
  id: 'i-1',
  templateId: 't-1',
  side: 'sending',
  title: '每月联系流动党员',
  cadence: 'monthly',
  status: 'open',
  dueOn: '2027-03-31',
  evidence: null,
  doneAt: null,
  canMark: true,
  history: [],
  ...overrides,
});

const list = (items: FlowResponsibilityView[], side: FlowResponsibilitiesView['side'] = 'sending') => ({
  flowId: 'f-1',
  side,
  items,
  agreements: [],
});

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ roles: ['branch_secretary'] }) })));
});

describe('dutyStatusLabel', () => {
  it.each([
    ['open', 'monthly', '待完成'],
    ['done', 'monthly', '本期已完成'],
    ['done', 'once', '已完成'],
    ['overdue', 'quarterly', '已逾期'],
  ] as const)('%s %s reads %s', (status, cadence, label) => {
    expect(dutyStatusLabel({ status, cadence })).toBe(label);
  });
});

describe('DutiesListPage', () => {
  it('groups the items by list, marks overdue ones, and only offers to mark the caller’s own', async () => {
    setRouterParams({ flowId: 'f-1' });
    fakeApi((call) =>
      call.path === '/api/responsibilities/flows/f-1'
        ? ok(
            list([
              item({ id: 'i-1', status: 'overdue', dueOn: '2027-02-28' }),
              item({ id: 'i-2', side: 'receiving', title: '吸纳参加组织生活', canMark: false }),
              item({
                id: 'i-3',
                side: 'member',
                title: '按时交纳党费',
                status: 'done',
                canMark: false,
                evidence: '已交纳3月党费',
                history: [
                  {
                    doneAt: '2027-03-02T02:00:00Z',
                    dueOn: '2027-03-31',
                    evidence: '已交纳3月党费',
                    doneByName: '张三',
                  },
                ],
              }),
            ]),
          )
        : undefined,
    );
    render(<DutiesListPage />);

    expect(await screen.findByText('每月联系流动党员')).toBeInTheDocument();
    expect(byId('duties-summary')).toHaveTextContent('共 3 项，本期已完成 1 项，逾期 1 项');
    expect(byId('duty-i-1-status')).toHaveTextContent('已逾期');
    expect(byId('duties-sending')).toHaveTextContent('流出地党组织责任');
    expect(byId('duties-receiving')).toHaveTextContent('吸纳参加组织生活');
    expect(byId('duty-i-3-evidence')).toHaveTextContent('最近一次：已交纳3月党费（张三）');
    expect(document.getElementById('duty-i-1-mark')).not.toBeNull();
    expect(document.getElementById('duty-i-2-mark')).toBeNull();
    expect(document.getElementById('duty-i-3-mark')).toBeNull();
  });

  it('asks for evidence, sends it, and shows the list the server answers', async () => {
    setRouterParams({ itemId: 'i-1' });
    fakeApi((call) => {
      if (call.method === 'GET' && call.path === '/api/responsibilities/items/i-1') return ok(list([item({})]));
      if (call.method === 'POST' && call.path === '/api/responsibilities/items/i-1/done')
        return ok(
          list([
            item({
              status: 'done',
              dueOn: '2027-04-30',
              canMark: false,
              evidence: '3月12日电话联系',
              history: [
                {
                  doneAt: '2027-03-12T02:00:00Z',
                  dueOn: '2027-03-31',
                  evidence: '3月12日电话联系',
                  doneByName: '李书记',
                },
              ],
            }),
          ]),
        );
      return undefined;
    });
    render(<DutiesListPage />);

    fireEvent.click(await screen.findByText('标记完成'));
    fireEvent.click(byId('duty-i-1-submit'));
    expect(byId('duty-i-1-problem')).toHaveTextContent('请写明做了什么');
    expect(callsTo('POST', ResponsibilityRoutes.itemDone.replace(':itemId', 'i-1'))).toHaveLength(0);

    await typeInto('duty-i-1-evidence-input', ' 3月12日电话联系 ');
    fireEvent.click(byId('duty-i-1-submit'));
    await waitFor(() => expect(byId('duty-i-1-status')).toHaveTextContent('本期已完成'));
    expect(callsTo('POST', '/api/responsibilities/items/i-1/done')[0].data).toEqual({ evidence: '3月12日电话联系' });
    expect(byId('duty-i-1')).toHaveTextContent('下次截止 2027-04-30');
    expect(byId('duty-i-1-evidence')).toHaveTextContent('3月12日电话联系（李书记）');
    expect(document.getElementById('duty-i-1-mark')).toBeNull();
  });

  it('shows the server’s reason when marking is refused, and keeps what was typed', async () => {
    setRouterParams({ flowId: 'f-1' });
    fakeApi((call) => {
      if (call.method === 'GET') return ok(list([item({})]));
      return failure(ErrorCode.RESPONSIBILITY_ALREADY_DONE);
    });
    render(<DutiesListPage />);

    fireEvent.click(await screen.findByText('标记完成'));
    await typeInto('duty-i-1-evidence-input', '又联系了一次');
    fireEvent.click(byId('duty-i-1-submit'));
    expect(await screen.findByText('这一项本期已经完成，不必重复标记')).toBeInTheDocument();
    expect(document.querySelector<HTMLTextAreaElement>('#duty-i-1-evidence-input textarea')?.value).toBe(
      '又联系了一次',
    );
  });

  it('says why the list did not load, and retries', async () => {
    setRouterParams({ flowId: 'f-1' });
    let attempts = 0;
    fakeApi(() => {
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.NOT_FOUND, '找不到这条流动记录') : ok(list([], 'self'));
    });
    render(<DutiesListPage />);

    expect(await screen.findByText('找不到这条流动记录')).toBeInTheDocument();
    fireEvent.click(byId('duties-error-retry'));
    expect(await screen.findByText('还没有责任清单')).toBeInTheDocument();
    expect(byId('duties-summary')).toHaveTextContent('我的责任');
  });
});
