import { ErrorCode, STUDY_ITEM_DEFAULTS, creditForBeat } from '@pioneer/shared';
import { AppException } from '../common/errors/app-exception.js';
import { normaliseItem, quizForReader, scoreQuiz } from './study-items.js';

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof AppException ? error.code : 'not an AppException';
  }
}

const QUIZ = [
  { text: '党的根本宗旨是？', options: ['全心全意为人民服务', '发展经济'], answer: 0 },
  { text: '流动党员外出前应当？', options: ['不用报告', '向党支部报告', '自行决定'], answer: 1 },
  { text: '思想汇报多久一次？', options: ['每年', '每半年', '每月'], answer: 1 },
];

describe(normaliseItem.name, () => {
  it.each([
    [
      'an article with nothing readable left',
      { kind: 'article', title: 't', body: '<script>x</script>' },
      ErrorCode.STUDY_ITEM_BODY_REQUIRED,
    ],
    [
      'an article with a url',
      { kind: 'article', title: 't', body: '<p>x</p>', url: 'https://a.cn' },
      ErrorCode.STUDY_ITEM_FIELD_NOT_ALLOWED,
    ],
    [
      'a video over http',
      { kind: 'video_link', title: 't', url: 'http://v.cn/1.mp4' },
      ErrorCode.STUDY_ITEM_URL_INVALID,
    ],
    [
      'a pdf as a javascript: url',
      { kind: 'pdf_link', title: 't', url: 'javascript:alert(1)' },
      ErrorCode.STUDY_ITEM_URL_INVALID,
    ],
    [
      'audio with a body',
      { kind: 'audio', title: 't', url: 'https://a.cn/1.mp3', body: '<p>x</p>' },
      ErrorCode.STUDY_ITEM_FIELD_NOT_ALLOWED,
    ],
    [
      'a cap below the minimum',
      { kind: 'audio', title: 't', url: 'https://a.cn/1.mp3', minSeconds: 600, capSeconds: 300 },
      ErrorCode.STUDY_ITEM_TIMES_INVALID,
    ],
    [
      'a question with one option',
      { kind: 'article', title: 't', body: '<p>x</p>', quiz: [{ text: 'q', options: ['a'], answer: 0 }] },
      ErrorCode.STUDY_QUIZ_INVALID,
    ],
    [
      'an answer outside the options',
      { kind: 'article', title: 't', body: '<p>x</p>', quiz: [{ text: 'q', options: ['a', 'b'], answer: 2 }] },
      ErrorCode.STUDY_QUIZ_INVALID,
    ],
    [
      'a question without an answer',
      { kind: 'article', title: 't', body: '<p>x</p>', quiz: [{ text: 'q', options: ['a', 'b'] }] },
      ErrorCode.STUDY_QUIZ_INVALID,
    ],
  ] as const)('refuses %s', (_what, input, code) => {
    expect(codeOf(() => normaliseItem(input as never))).toBe(code);
  });

  it('defaults the times by kind and keeps a sanitised body', () => {
    const item = normaliseItem({ kind: 'article', title: ' 学习 ', body: '<p onclick="x()">正文</p>' });
    expect(item).toMatchObject({
      title: '学习',
      body: '<p>正文</p>',
      url: null,
      minSeconds: STUDY_ITEM_DEFAULTS.article.minSeconds,
      capSeconds: STUDY_ITEM_DEFAULTS.article.capSeconds,
      quiz: null,
    });
  });
});

describe(scoreQuiz.name, () => {
  it.each([
    [[0, 1, 1], { correct: 3, total: 3, score: 100 }],
    [[0, 0, 1], { correct: 2, total: 3, score: 67 }],
    [[1, 0, 0], { correct: 0, total: 3, score: 0 }],
  ])('scores %j', (answers, result) => {
    expect(scoreQuiz(QUIZ, answers)).toEqual(result);
  });

  it('refuses an attempt that does not answer every question', () => {
    expect(codeOf(() => scoreQuiz(QUIZ, [0, 1]))).toBe(ErrorCode.STUDY_QUIZ_ANSWERS_INVALID);
  });

  it('never shows the answers to readers', () => {
    expect(JSON.stringify(quizForReader(QUIZ))).not.toContain('answer');
  });
});

describe(creditForBeat.name, () => {
  it.each([
    ['a beat on time', 15, true, 0, 1800, 15],
    ['a beat too soon earns only the real time', 3, true, 0, 1800, 3],
    ['a long gap earns one interval and slack at most', 600, true, 0, 1800, 20],
    ['a hidden page', 15, false, 0, 1800, 0],
    ['a beat past the daily cap', 15, true, 1800, 1800, 0],
    ['a beat reaching the cap', 15, true, 1790, 1800, 10],
    ['no time passed', 0, true, 0, 1800, 0],
  ])('%s', (_what, seconds, visible, today, cap, expected) => {
    expect(creditForBeat({ secondsSinceLastBeat: seconds, visible, creditedToday: today, capSeconds: cap })).toBe(
      expected,
    );
  });
});
