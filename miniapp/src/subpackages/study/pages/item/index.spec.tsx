import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, StudyRoutes, type HeartbeatRequest } from '@pioneer/shared';
import { callsTo, fakeApi, sentCalls, type SentCall } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { pageEvents } from '../../../../../test/page-events';
import { failure, networkDown, ok, type FakeResponse } from '../../../../../test/responses';
import {
  makeMyStudyItem,
  makeMyStudyPack,
  makeOpenedItem,
  makeStudyItemView,
} from '../../../../../test/study-factories';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import type { AudioState } from '../../../../platform/audio';
import { pathOf } from '../../../../services/path';
import { sessionStore } from '../../../../stores/session';
import StudyItemPage from './index';

jest.mock('@tarojs/taro', () => jest.requireActual('../../../../../test/page-events').taroWithPageEvents());

const mockAudio = { play: jest.fn(), pause: jest.fn(), seek: jest.fn(), destroy: jest.fn() };
let mockAudioListener: ((state: AudioState) => void) | null = null;
jest.mock('../../../../platform/audio', () => ({
  createAudioPlayer: (_src: string, onChange: (state: AudioState) => void) => {
    mockAudioListener = onChange;
    return mockAudio;
  },
}));

const ITEM_ID = 'item-7';
const SESSION_ID = 'session-1';
const openPath = pathOf(StudyRoutes.open, { itemId: ITEM_ID });
const PACK_ID = 'pack-3';
const packPath = pathOf(StudyRoutes.myPack, { id: PACK_ID });
const beatPath = pathOf(StudyRoutes.heartbeat, { sessionId: SESSION_ID });
const finishPath = pathOf(StudyRoutes.finish, { sessionId: SESSION_ID });
const quizPath = pathOf(StudyRoutes.quiz, { itemId: ITEM_ID });

const article = makeStudyItemView({
  id: ITEM_ID,
  title: '学习《中国共产党章程》总纲',
  body: '<p>中国共产党是中国工人阶级的先锋队。</p><script>window.hacked = true</script>',
  minSeconds: 300,
});

/** Beats as they arrived, one per seq (a network retry repeats the same seq). */
const beats = () => {
  const seen = new Map<number, HeartbeatRequest>();
  for (const call of callsTo('POST', beatPath)) {
    const body = call.data as HeartbeatRequest;
    seen.set(body.seq, body);
  }
  return [...seen.values()];
};

/** The server: the item opens as session-1, and each beat adds 15 s. */
function server(options: { item?: typeof article; beat?: (call: SentCall) => FakeResponse | undefined } = {}) {
  let effective = 90;
  fakeApi((call) => {
    if (call.method === 'POST' && call.path === openPath)
      return ok(makeOpenedItem({ sessionId: SESSION_ID, item: options.item ?? article }), 201);
    if (call.path === packPath)
      return ok(makeMyStudyPack({ id: PACK_ID, items: [makeMyStudyItem({ id: ITEM_ID, effectiveSeconds: 90 })] }));
    if (call.path === beatPath) {
      const answer = options.beat?.(call);
      if (answer) return answer;
      effective += 15;
      return ok({ credited: 15, effectiveSeconds: effective, finished: effective >= 300 });
    }
    if (call.path === finishPath) return ok({});
    return undefined;
  });
}

const tick = (ms: number) => act(() => jest.advanceTimersByTimeAsync(ms));

function setTabVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: 'm-1' }) })));
  setRouterParams({ id: ITEM_ID, packId: PACK_ID });
  jest.useFakeTimers();
});

afterEach(() => {
  setTabVisibility('visible');
  jest.useRealTimers();
});

describe('StudyItemPage', () => {
  it('opens the item and shows the article as rich text, without running anything in it', async () => {
    server();
    render(<StudyItemPage />);

    expect(await screen.findByText('学习《中国共产党章程》总纲')).toBeInTheDocument();
    expect(callsTo('POST', openPath)).toHaveLength(1);
    await waitFor(() => expect(byId('reader-article')).toHaveTextContent('中国共产党是中国工人阶级的先锋队。'));
    expect(byId('reader-article').innerHTML).not.toContain('script');
    expect((window as unknown as { hacked?: boolean }).hacked).toBeUndefined();
    expect(await screen.findByText('已学 1 分钟 / 至少 5 分钟')).toBeInTheDocument();
  });

  it('beats with increasing seq only while the page is visible, and stops when it hides or closes', async () => {
    server();
    const { unmount } = render(<StudyItemPage />);
    await screen.findByText('学习《中国共产党章程》总纲');

    await tick(15_000);
    await tick(15_000);
    expect(beats()).toEqual([
      { seq: 1, visible: true },
      { seq: 2, visible: true },
    ]);
    expect(await screen.findByText('已学 2 分钟 / 至少 5 分钟')).toBeInTheDocument();

    // Another page over this one (weapp onHide): nothing is sent while hidden.
    act(() => pageEvents.hide());
    await tick(60_000);
    expect(beats()).toHaveLength(2);

    // Back: the first beat says the page was away, at once; then the beats go on.
    act(() => pageEvents.show());
    await tick(0);
    await tick(15_000);
    expect(beats().slice(2)).toEqual([
      { seq: 3, visible: false },
      { seq: 4, visible: true },
    ]);

    // The browser tab goes to the background (H5): the same.
    setTabVisibility('hidden');
    await tick(45_000);
    expect(beats()).toHaveLength(4);
    setTabVisibility('visible');
    await tick(15_000);
    expect(beats().slice(4)).toEqual([
      { seq: 5, visible: false },
      { seq: 6, visible: true },
    ]);

    // Closing the page sends the last beat as the finish, next in line.
    unmount();
    await tick(0);
    expect(callsTo('POST', finishPath).map((call) => call.data)).toEqual([{ seq: 7, visible: true }]);
    await tick(60_000);
    expect(beats()).toHaveLength(6);
  });

  it('says 学习完成 once the server counts the item as finished', async () => {
    server({
      beat: () => ok({ credited: 15, effectiveSeconds: 300, finished: true }),
    });
    render(<StudyItemPage />);
    await screen.findByText('已学 1 分钟 / 至少 5 分钟');

    await tick(15_000);

    expect(await screen.findByText('✓ 学习完成')).toBeInTheDocument();
    expect(byId('reader-progress-bar')).toHaveAttribute('data-percent', '100');
  });

  it('skips beats that do not get through, keeps reading, and says time may be under-counted', async () => {
    let down = true;
    server({
      beat: () => {
        if (down) throw networkDown();
        return undefined;
      },
    });
    render(<StudyItemPage />);
    await screen.findByText('学习《中国共产党章程》总纲');

    await tick(15_000);
    await tick(15_000);
    expect(await screen.findByText('网络不稳定，学习时长可能少计')).toBeInTheDocument();
    expect(byId('reader-article')).toHaveTextContent('中国共产党是中国工人阶级的先锋队。');

    down = false;
    await tick(15_000);
    await waitFor(() => expect(document.getElementById('reader-note')).toBeNull());
    // Each beat went out under its own number; a missed one is not sent again.
    expect(beats().map((beat) => beat.seq)).toEqual([1, 2, 3]);
  });

  it('opens a new session when the server no longer knows this one', async () => {
    let opened = 0;
    fakeApi((call) => {
      if (call.path === openPath) {
        opened += 1;
        return ok(makeOpenedItem({ sessionId: `session-${opened}`, item: article }), 201);
      }
      if (call.path === beatPath) return failure(ErrorCode.NOT_FOUND);
      if (call.path.endsWith('/heartbeat')) return ok({ credited: 15, effectiveSeconds: 120, finished: false });
      if (call.path.endsWith('/finish')) return ok({});
      return undefined;
    });
    render(<StudyItemPage />);
    await screen.findByText('学习《中国共产党章程》总纲');

    await tick(15_000);
    await waitFor(() => expect(callsTo('POST', openPath)).toHaveLength(2));
    await tick(15_000);

    // The new session counts from 1 again.
    const next = callsTo('POST', pathOf(StudyRoutes.heartbeat, { sessionId: 'session-2' }));
    expect(next.map((call) => call.data)).toEqual([{ seq: 1, visible: true }]);
    expect(callsTo('POST', finishPath)).toHaveLength(1);
  });

  it('stops after re-opening twice, saying the reading ended, when the item keeps being opened elsewhere', async () => {
    let opened = 0;
    fakeApi((call) => {
      if (call.path === openPath) {
        opened += 1;
        return ok(makeOpenedItem({ sessionId: `session-${opened}`, item: article }), 201);
      }
      if (call.path.endsWith('/heartbeat')) return failure(ErrorCode.NOT_FOUND, '这次阅读已结束，请重新打开');
      if (call.path.endsWith('/finish')) return failure(ErrorCode.NOT_FOUND);
      return undefined;
    });
    render(<StudyItemPage />);
    await screen.findByText('学习《中国共产党章程》总纲');

    for (let i = 0; i < 4; i += 1) await tick(15_000);

    expect(await screen.findByText('这次阅读已结束，请重新打开')).toBeInTheDocument();
    expect(callsTo('POST', openPath)).toHaveLength(3);
    const sent = sentCalls().filter((call) => call.path.endsWith('/heartbeat')).length;
    await tick(60_000);
    expect(sentCalls().filter((call) => call.path.endsWith('/heartbeat'))).toHaveLength(sent);
  });

  it('says the quiz is what is left once the time is in', async () => {
    const withQuiz = makeStudyItemView({
      id: ITEM_ID,
      title: '党章知识',
      minSeconds: 120,
      quiz: [{ text: '党的根本宗旨是什么？', options: ['全心全意为人民服务', '发展经济'] }],
    });
    server({ item: withQuiz, beat: () => ok({ credited: 15, effectiveSeconds: 135, finished: false }) });
    render(<StudyItemPage />);
    await screen.findByText('党章知识');

    await tick(15_000);

    expect(await screen.findByText('时长已够，答完下面的小测验就学完了。')).toBeInTheDocument();
    expect(screen.queryByText('✓ 学习完成')).toBeNull();
  });

  it('switches to larger type and keeps it for the next article', async () => {
    server();
    const { unmount } = render(<StudyItemPage />);
    await screen.findByText('学习《中国共产党章程》总纲');
    expect(byId('reader')).not.toHaveClass('reader--large');

    fireEvent.click(byId('reader-type-large'));

    expect(byId('reader')).toHaveClass('reader--large');
    expect(byId('reader-article')).toHaveClass('study-article--large');
    expect(byId('reader-type-large')).toHaveAttribute('aria-selected', 'true');
    expect(taroMock.getStorageSync('pioneer.study.large-type')).toBe('true');

    unmount();
    render(<StudyItemPage />);
    await screen.findByText('学习《中国共产党章程》总纲');
    expect(byId('reader')).toHaveClass('reader--large');

    fireEvent.click(byId('reader-type-normal'));
    expect(byId('reader')).not.toHaveClass('reader--large');
    expect(taroMock.getStorageSync('pioneer.study.large-type')).toBe('false');
  });

  it('asks every question before sending the quiz, then shows the score', async () => {
    const withQuiz = makeStudyItemView({
      id: ITEM_ID,
      title: '党章知识小测',
      quiz: [
        { text: '党的最高理想和最终目标是什么？', options: ['实现共产主义', '全面建成小康社会'] },
        { text: '党员每月应当按时交纳什么？', options: ['党费', '会费', '学费'] },
      ],
    });
    fakeApi((call) => {
      if (call.path === openPath) return ok(makeOpenedItem({ sessionId: SESSION_ID, item: withQuiz }), 201);
      if (call.path === packPath)
        return ok(
          makeMyStudyPack({ id: PACK_ID, items: [makeMyStudyItem({ id: ITEM_ID, hasQuiz: true, quizScore: 50 })] }),
        );
      if (call.path === quizPath) return ok({ correct: 2, total: 2, score: 100 });
      return undefined;
    });
    render(<StudyItemPage />);

    expect(await screen.findByText('1. 党的最高理想和最终目标是什么？')).toBeInTheDocument();
    await waitFor(() => expect(byId('quiz-best-score')).toHaveTextContent('最高得分：50 分'));
    fireEvent.click(screen.getByText('实现共产主义'));
    fireEvent.click(screen.getByText('提交答案'));
    expect(await screen.findByText('还有 1 题没有选择答案')).toBeInTheDocument();
    expect(callsTo('POST', quizPath)).toHaveLength(0);

    fireEvent.click(screen.getByText('会费'));
    fireEvent.click(screen.getByText('党费'));
    expect(byId('quiz-q1-o0')).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(screen.getByText('提交答案'));

    expect(await screen.findByText('得分：100 分（答对 2 / 2 题）')).toBeInTheDocument();
    expect(callsTo('POST', quizPath)[0].data).toEqual({ answers: [0, 0] });
  });

  it('plays an audio lesson with the platform player', async () => {
    server({ item: makeStudyItemView({ id: ITEM_ID, kind: 'audio', body: null, url: 'https://media.test/a.mp3' }) });
    const { unmount } = render(<StudyItemPage />);

    fireEvent.click(await screen.findByText('播放'));
    expect(mockAudio.play).toHaveBeenCalled();
    act(() => mockAudioListener?.({ playing: true, position: 65, duration: 600, problem: null }));
    expect(byId('reader-audio-clock')).toHaveTextContent('01:05 / 10:00');
    fireEvent.click(screen.getByText('暂停'));
    expect(mockAudio.pause).toHaveBeenCalled();
    fireEvent.click(screen.getByText('后退15秒'));
    expect(mockAudio.seek).toHaveBeenCalledWith(50);

    unmount();
    expect(mockAudio.destroy).toHaveBeenCalled();
  });

  it('opens a video link in a new browser tab', async () => {
    const open = jest.spyOn(window, 'open').mockReturnValue({ opener: window } as unknown as Window);
    server({ item: makeStudyItemView({ id: ITEM_ID, kind: 'video_link', body: null, url: 'https://video.test/v/1' }) });
    render(<StudyItemPage />);

    fireEvent.click(await screen.findByText('打开视频'));
    await tick(0);

    expect(open).toHaveBeenCalledWith('https://video.test/v/1', '_blank');
    expect(byId('reader-link-open')).toHaveTextContent('打开视频');
    open.mockRestore();
  });

  it('shows why the item did not open and tries again', async () => {
    let attempts = 0;
    fakeApi((call) => {
      if (call.path !== openPath) return undefined;
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.NOT_FOUND) : ok(makeOpenedItem({ item: article }), 201);
    });
    render(<StudyItemPage />);

    expect(await screen.findByText('找不到要访问的内容')).toBeInTheDocument();
    fireEvent.click(byId('reader-error-retry'));

    expect(await screen.findByText('学习《中国共产党章程》总纲')).toBeInTheDocument();
  });
});
