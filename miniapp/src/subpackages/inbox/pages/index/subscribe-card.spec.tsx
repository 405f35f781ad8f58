import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { SubscriptionsView } from '@pioneer/shared';
import { byId } from '../../../../../test/ui';
import { capabilities, requestSubscribe, showToast } from '../../../../platform';
import { PlatformError } from '../../../../platform/platform-error';
import { ApiError } from '../../../../services/http';
import { fetchSubscriptions, reportSubscriptions } from '../../../../services/subscriptions';
import { SubscribeCard } from './subscribe-card';

jest.mock('../../../../platform', () => ({
  ...jest.requireActual<object>('../../../../platform'),
  capabilities: { cameraScan: true, wechatLogin: true, subscribeMessage: true },
  requestSubscribe: jest.fn(),
  showToast: jest.fn(),
}));
jest.mock('../../../../services/subscriptions');

const TODO = 'tmpl-todo-1';
const NOTICE = 'tmpl-notice-1';

function view(todo: number, notice: number): SubscriptionsView {
  return {
    templates: [
      { templateId: TODO, purpose: 'flow_todo', label: '待办提醒', credits: todo },
      { templateId: NOTICE, purpose: 'flow_notice', label: '通知提醒', credits: notice },
    ],
  };
}

const mocked = {
  capabilities: capabilities as { subscribeMessage: boolean },
  requestSubscribe: jest.mocked(requestSubscribe),
  showToast: jest.mocked(showToast),
  fetch: jest.mocked(fetchSubscriptions),
  report: jest.mocked(reportSubscriptions),
};

beforeEach(() => {
  mocked.capabilities.subscribeMessage = true;
  for (const mock of [mocked.requestSubscribe, mocked.showToast, mocked.fetch, mocked.report]) mock.mockReset();
  mocked.fetch.mockResolvedValue(view(0, 2));
});

describe('SubscribeCard', () => {
  it('shows what is left of each reminder', async () => {
    render(<SubscribeCard />);

    expect(await screen.findByText('接收微信提醒', { selector: '.subtitle' })).toBeInTheDocument();
    expect(byId('subscribe-card-flow_todo')).toHaveTextContent('待办提醒：还可接收 0 条提醒');
    expect(byId('subscribe-card-flow_notice')).toHaveTextContent('通知提醒：还可接收 2 条提醒');
  });

  it('asks WeChat for the templates on a tap, reports the answers and shows the new counts', async () => {
    mocked.requestSubscribe.mockResolvedValue({ [TODO]: 'accept', [NOTICE]: 'reject' });
    mocked.report.mockResolvedValue(view(1, 2));
    render(<SubscribeCard />);

    fireEvent.click(await screen.findByText('接收微信提醒', { selector: 'taro-button-core' }));

    expect(mocked.requestSubscribe).toHaveBeenCalledWith([TODO, NOTICE]);
    await waitFor(() => expect(byId('subscribe-card-flow_todo')).toHaveTextContent('还可接收 1 条提醒'));
    expect(mocked.report).toHaveBeenCalledWith({ [TODO]: 'accept', [NOTICE]: 'reject' });
    expect(mocked.showToast).toHaveBeenCalledWith('已开启，有新消息时微信会提醒您', 'success');
  });

  it('says so when the person allows nothing, or has switched these reminders off', async () => {
    mocked.requestSubscribe.mockResolvedValueOnce({ [TODO]: 'reject', [NOTICE]: 'reject' });
    mocked.requestSubscribe.mockResolvedValueOnce({ [TODO]: 'ban', [NOTICE]: 'reject' });
    mocked.report.mockResolvedValue(view(0, 2));
    render(<SubscribeCard />);
    const button = await screen.findByText('接收微信提醒', { selector: 'taro-button-core' });

    fireEvent.click(button);
    await waitFor(() => expect(mocked.showToast).toHaveBeenCalledWith('您没有允许，微信不会提醒您', 'info'));
    await waitFor(() => expect(byId('subscribe-card-allow')).not.toHaveClass('big-button--inactive'));
    fireEvent.click(byId('subscribe-card-allow'));
    await waitFor(() =>
      expect(mocked.showToast).toHaveBeenLastCalledWith('您在微信中关闭了这类提醒，可在右上角“…”→“设置”中打开', 'info'),
    );
  });

  it('shows WeChat’s or the server’s failure and can be tapped again', async () => {
    mocked.requestSubscribe.mockRejectedValueOnce(new PlatformError('开启微信提醒没有成功，请稍后再试', 'failed'));
    render(<SubscribeCard />);

    fireEvent.click(await screen.findByText('接收微信提醒', { selector: 'taro-button-core' }));
    await waitFor(() => expect(mocked.showToast).toHaveBeenCalledWith('开启微信提醒没有成功，请稍后再试'));
    expect(mocked.report).not.toHaveBeenCalled();

    mocked.requestSubscribe.mockResolvedValueOnce({ [TODO]: 'accept' });
    mocked.report.mockRejectedValueOnce(new ApiError('SUBSCRIPTION_TEMPLATE_UNKNOWN', 400, '这不是本小程序的消息模板'));
    fireEvent.click(await screen.findByText('接收微信提醒', { selector: 'taro-button-core' }));
    await waitFor(() => expect(mocked.showToast).toHaveBeenLastCalledWith('这不是本小程序的消息模板'));
    expect(byId('subscribe-card-flow_todo')).toHaveTextContent('还可接收 0 条提醒');
  });

  it('shows nothing on H5, where WeChat cannot ask', async () => {
    mocked.capabilities.subscribeMessage = false;
    render(<SubscribeCard />);

    await act(async () => Promise.resolve());
    expect(document.getElementById('subscribe-card')).toBeNull();
    expect(mocked.fetch).not.toHaveBeenCalled();
  });

  it('shows nothing when the server sends no WeChat reminders, or the counts cannot be loaded', async () => {
    mocked.fetch.mockResolvedValueOnce({ templates: [] });
    const { unmount } = render(<SubscribeCard />);
    await waitFor(() => expect(mocked.fetch).toHaveBeenCalledTimes(1));
    await act(async () => Promise.resolve());
    expect(document.getElementById('subscribe-card')).toBeNull();
    unmount();

    mocked.fetch.mockRejectedValueOnce(new ApiError('NETWORK_ERROR', 0, '网络不给力'));
    render(<SubscribeCard />);
    await waitFor(() => expect(mocked.fetch).toHaveBeenCalledTimes(2));
    await act(async () => Promise.resolve());
    expect(document.getElementById('subscribe-card')).toBeNull();
  });
});
