import { act, render, screen } from '@testing-library/react';
import { ErrorCode } from '@pioneer/shared';
import { makeActivityView, makeVenueCode } from '../../../../../test/activity-factories';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok, type FakeResponse } from '../../../../../test/responses';
import { setRouterParams } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import { VENUE_CODE_LEAD_MS, VENUE_COUNT_POLL_MS, VENUE_RETRY_MS } from '../../venue-polling';
import VenueScreenPage from './index';

const VENUE_CODE = '/api/activities/a-1/venue-code';
const ACTIVITY = '/api/activities/a-1';

/** Lets timers and the answers they trigger run. */
async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

function qrText(): string | null {
  return byId('venue-qr').getAttribute('data-qr-text');
}

beforeEach(() => {
  jest.useFakeTimers({ now: new Date('2025-03-05T01:00:00Z') });
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
  setRouterParams({ id: 'a-1' });
});

afterEach(() => {
  jest.useRealTimers();
});

/** Answers the venue code from `codes` in turn (the last one repeats) and the activity with `checkedIn` counts in turn. */
function server(codes: (() => FakeResponse)[], counts: number[] = [0]) {
  let codeCalls = 0;
  let activityCalls = 0;
  fakeApi((call) => {
    if (call.path === VENUE_CODE) {
      const answer = codes[Math.min(codeCalls, codes.length - 1)];
      codeCalls += 1;
      return answer();
    }
    if (call.path === ACTIVITY) {
      const checkedIn = counts[Math.min(activityCalls, counts.length - 1)];
      activityCalls += 1;
      return ok(
        makeActivityView({ id: 'a-1', title: '学雷锋志愿服务', place: '村党群服务中心', status: 'open', checkedIn }),
      );
    }
    return undefined;
  });
}

const codeAt = (scene: string, secondsLeft: number) => () =>
  ok(
    makeVenueCode({
      scene,
      link: `https://pioneer.test/pages/scan/index?scene=${scene}`,
      rotatesAt: new Date(Date.now() + secondsLeft * 1000).toISOString(),
    }),
  );

describe('VenueScreenPage', () => {
  it('shows the title, the place, the count, the instruction and a QR of the link', async () => {
    server([codeAt('A1', 20)], [7]);
    render(<VenueScreenPage />);
    await advance(0);

    expect(byId('venue-title')).toHaveTextContent('学雷锋志愿服务');
    expect(byId('venue-place')).toHaveTextContent('村党群服务中心');
    expect(byId('venue-count')).toHaveTextContent('已签到 7 人');
    expect(screen.getByText('请用微信扫一扫或流动先锋小程序“扫码”签到')).toBeInTheDocument();
    expect(qrText()).toBe('https://pioneer.test/pages/scan/index?scene=A1');
  });

  it('fetches the next code shortly before the current one rotates', async () => {
    server([codeAt('A1', 20), codeAt('A2', 20)]);
    render(<VenueScreenPage />);
    await advance(0);
    expect(qrText()).toContain('scene=A1');

    await advance(20_000 - VENUE_CODE_LEAD_MS - 100);
    expect(qrText()).toContain('scene=A1');
    await advance(200);

    expect(qrText()).toContain('scene=A2');
    expect(callsTo('GET', VENUE_CODE)).toHaveLength(2);
  });

  it('keeps the last code and says it is reconnecting while the network is down', async () => {
    server([codeAt('A1', 5), () => failure(ErrorCode.INTERNAL_ERROR), codeAt('A3', 20)]);
    render(<VenueScreenPage />);
    await advance(0);
    expect(document.getElementById('venue-offline')).toBeNull();

    await advance(5_000 - VENUE_CODE_LEAD_MS);
    expect(qrText()).toContain('scene=A1');
    expect(byId('venue-offline')).toHaveTextContent('网络中断，正在重连');

    await advance(VENUE_RETRY_MS);
    expect(qrText()).toContain('scene=A3');
    expect(document.getElementById('venue-offline')).toBeNull();
  });

  it('never shows a blank screen before the first code arrives', async () => {
    server([() => failure(ErrorCode.INTERNAL_ERROR), codeAt('A2', 20)]);
    render(<VenueScreenPage />);
    await advance(0);

    expect(byId('venue-qr-waiting')).toHaveTextContent('正在连接服务器');
    expect(byId('venue-title')).toHaveTextContent('学雷锋志愿服务');
    await advance(VENUE_RETRY_MS);

    expect(qrText()).toContain('scene=A2');
  });

  it('updates the count every ten seconds', async () => {
    server([codeAt('A1', 20)], [3, 5]);
    render(<VenueScreenPage />);
    await advance(0);
    expect(byId('venue-count')).toHaveTextContent('已签到 3 人');

    await advance(VENUE_COUNT_POLL_MS);

    expect(byId('venue-count')).toHaveTextContent('已签到 5 人');
  });

  it('stops showing a code once the activity is cancelled', async () => {
    server([() => failure(ErrorCode.ACTIVITY_CANCELLED)]);
    render(<VenueScreenPage />);
    await advance(0);

    expect(byId('venue-stopped')).toHaveTextContent('活动已取消');
    expect(document.getElementById('venue-qr')).toBeNull();
    await advance(VENUE_RETRY_MS * 3);
    expect(callsTo('GET', VENUE_CODE)).toHaveLength(1);
  });
});
