import {
  ErrorCode,
  STUDY_BODY_MAX_BYTES,
  STUDY_ITEM_DEFAULTS,
  STUDY_QUIZ_MAX_QUESTIONS,
  type QuizQuestion,
  type QuizResult,
  type StudyItemInput,
} from '@pioneer/shared';
import { AppException } from '../common/errors/app-exception.js';
import type { ItemValues } from './study.repository.js';
import { hasContent, sanitizeArticle } from './study-html.js';

export const QUIZ_OPTIONS_MIN = 2;
export const QUIZ_OPTIONS_MAX = 6;
const HTTPS_LINK = /^https:\/\/[^\s/?#]+\.[^\s]*$/i;

/**
 * An item as it is stored: the article body sanitised (and refused if
 * nothing readable is left or it is too large), links only https, fields that
 * do not belong to the kind refused, times defaulted by kind, the quiz
 * checked (2–6 options a question, the answer one of them).
 */
export function normaliseItem(input: StudyItemInput): ItemValues {
  let body: string | null = null;
  let url: string | null = null;
  if (input.kind === 'article') {
    if (input.url !== undefined) throw fieldNotAllowed('url', 'articles carry their text in body, not a url');
    body = sanitizeArticle(input.body ?? '');
    if (!hasContent(body)) throw new AppException(ErrorCode.STUDY_ITEM_BODY_REQUIRED);
    if (Buffer.byteLength(body, 'utf8') > STUDY_BODY_MAX_BYTES)
      throw new AppException(ErrorCode.STUDY_ITEM_BODY_TOO_LARGE, undefined, {
        bytes: Buffer.byteLength(body, 'utf8'),
        max: STUDY_BODY_MAX_BYTES,
      });
  } else {
    if (input.body !== undefined) throw fieldNotAllowed('body', 'only articles carry a body');
    const link = (input.url ?? '').trim();
    if (!HTTPS_LINK.test(link))
      throw new AppException(ErrorCode.STUDY_ITEM_URL_INVALID, undefined, [
        { path: 'url', problem: 'url must be an https:// link' },
      ]);
    url = link;
  }
  const defaults = STUDY_ITEM_DEFAULTS[input.kind];
  const minSeconds = input.minSeconds ?? defaults.minSeconds;
  const capSeconds = input.capSeconds ?? Math.max(defaults.capSeconds, minSeconds);
  if (capSeconds < minSeconds)
    throw new AppException(ErrorCode.STUDY_ITEM_TIMES_INVALID, undefined, [
      { path: 'capSeconds', problem: 'capSeconds must not be below minSeconds' },
    ]);
  return {
    kind: input.kind,
    title: input.title.trim(),
    body,
    url,
    minSeconds,
    capSeconds,
    quiz: input.quiz && input.quiz.length > 0 ? normaliseQuiz(input.quiz) : null,
  };
}

function fieldNotAllowed(path: string, problem: string): AppException {
  return new AppException(ErrorCode.STUDY_ITEM_FIELD_NOT_ALLOWED, undefined, [{ path, problem }]);
}

export function normaliseQuiz(quiz: QuizQuestion[]): QuizQuestion[] {
  if (quiz.length > STUDY_QUIZ_MAX_QUESTIONS)
    throw quizInvalid('quiz', `at most ${STUDY_QUIZ_MAX_QUESTIONS} questions`);
  return quiz.map((q, i) => {
    const options = q.options.map((o) => o.trim());
    if (options.length < QUIZ_OPTIONS_MIN || options.length > QUIZ_OPTIONS_MAX || options.some((o) => o === ''))
      throw quizInvalid(`quiz.${i}.options`, `${QUIZ_OPTIONS_MIN} to ${QUIZ_OPTIONS_MAX} non-empty options`);
    if (q.answer === undefined || !Number.isInteger(q.answer) || q.answer < 0 || q.answer >= options.length)
      throw quizInvalid(`quiz.${i}.answer`, 'answer must be the index of one of the options');
    return { text: q.text.trim(), options, answer: q.answer };
  });
}

function quizInvalid(path: string, problem: string): AppException {
  return new AppException(ErrorCode.STUDY_QUIZ_INVALID, undefined, [{ path, problem }]);
}

/** The quiz as a member sees it: the questions without their answers. */
export function quizForReader(quiz: QuizQuestion[] | null): QuizQuestion[] | null {
  return quiz ? quiz.map((q) => ({ text: q.text, options: q.options })) : null;
}

/** Scores one attempt: every question must be answered, in order; the score is the share right, 0–100. */
export function scoreQuiz(quiz: QuizQuestion[], answers: number[]): QuizResult {
  if (answers.length !== quiz.length)
    throw new AppException(ErrorCode.STUDY_QUIZ_ANSWERS_INVALID, undefined, [
      { path: 'answers', problem: `answers must hold one choice for each of the ${quiz.length} questions` },
    ]);
  const correct = quiz.filter((q, i) => q.answer === answers[i]).length;
  return { correct, total: quiz.length, score: Math.round((100 * correct) / quiz.length) };
}
