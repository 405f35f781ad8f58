import {
  STUDY_BODY_MAX_BYTES,
  STUDY_ITEM_DEFAULTS,
  STUDY_QUIZ_MAX_QUESTIONS,
  STUDY_TITLE_MAX,
  type QuizQuestion,
  type StudyItemInput,
  type StudyItemKind,
  type StudyItemView,
} from '@pioneer/shared';

export const QUIZ_OPTIONS_MIN = 2;
export const QUIZ_OPTIONS_MAX = 6;
export const QUIZ_TEXT_MAX = 200;
export const QUIZ_OPTION_MAX = 100;

export interface QuizDraft {
  text: string;
  options: string[];
  /** Index of the right option, or null until the author picks one. */
  answer: number | null;
}

/** The item form as typed: minutes as text, empty when the kind's default should apply. */
export interface ItemForm {
  kind: StudyItemKind;
  title: string;
  body: string;
  url: string;
  minMinutes: string;
  capMinutes: string;
  quiz: QuizDraft[];
}

export const EMPTY_ITEM_FORM: ItemForm = {
  kind: 'article',
  title: '',
  body: '',
  url: '',
  minMinutes: '',
  capMinutes: '',
  quiz: [],
};

export const emptyQuestion = (): QuizDraft => ({ text: '', options: ['', ''], answer: null });

/** Minutes shown for a number of seconds: whole when whole, else to one decimal. */
function minutesText(seconds: number): string {
  const minutes = seconds / 60;
  return Number.isInteger(minutes) ? String(minutes) : minutes.toFixed(1);
}

/** The form filled in from a stored item; times equal to the kind's default stay empty. */
export function itemFormFrom(item: StudyItemView): ItemForm {
  const defaults = STUDY_ITEM_DEFAULTS[item.kind];
  return {
    kind: item.kind,
    title: item.title,
    body: item.body ?? '',
    url: item.url ?? '',
    minMinutes: item.minSeconds === defaults.minSeconds ? '' : minutesText(item.minSeconds),
    capMinutes: item.capSeconds === defaults.capSeconds ? '' : minutesText(item.capSeconds),
    quiz: (item.quiz ?? []).map((question) => ({
      text: question.text,
      options: [...question.options],
      answer: typeof question.answer === 'number' ? question.answer : null,
    })),
  };
}

function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Seconds from typed minutes; undefined when empty; a message when not a sensible number. */
function secondsFrom(text: string, label: string): number | undefined | string {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (!/^\d+(\.\d)?$/.test(trimmed)) return `${label}请填写分钟数，如 5`;
  const seconds = Math.round(Number(trimmed) * 60);
  if (seconds < 10 || seconds > 4 * 3600) return `${label}须在 1 到 240 分钟之间`;
  return seconds;
}

function quizFrom(drafts: readonly QuizDraft[]): QuizQuestion[] | string {
  if (drafts.length > STUDY_QUIZ_MAX_QUESTIONS) return `测验最多 ${STUDY_QUIZ_MAX_QUESTIONS} 题`;
  const quiz: QuizQuestion[] = [];
  for (const [index, draft] of drafts.entries()) {
    const number = `第 ${index + 1} 题`;
    const text = draft.text.trim();
    const options = draft.options.map((option) => option.trim());
    if (!text) return `${number}还没有填写题目`;
    if (text.length > QUIZ_TEXT_MAX) return `${number}的题目太长，最多 ${QUIZ_TEXT_MAX} 个字`;
    if (options.length < QUIZ_OPTIONS_MIN || options.length > QUIZ_OPTIONS_MAX)
      return `${number}须有 ${QUIZ_OPTIONS_MIN} 到 ${QUIZ_OPTIONS_MAX} 个选项`;
    if (options.some((option) => option === '')) return `${number}有空的选项，请填写或删去`;
    if (options.some((option) => option.length > QUIZ_OPTION_MAX))
      return `${number}的选项太长，最多 ${QUIZ_OPTION_MAX} 个字`;
    if (draft.answer === null || draft.answer < 0 || draft.answer >= options.length)
      return `${number}还没有选择正确答案`;
    quiz.push({ text, options, answer: draft.answer });
  }
  return quiz;
}

/** What to send for the form, or the first problem in words. Only the fields of the item's kind are sent. */
export function itemInputFrom(form: ItemForm): StudyItemInput | string {
  const title = form.title.trim();
  if (!title) return '请填写标题';
  if (title.length > STUDY_TITLE_MAX) return `标题最多 ${STUDY_TITLE_MAX} 个字`;
  const input: StudyItemInput = { kind: form.kind, title };

  if (form.kind === 'article') {
    if (!form.body.trim()) return '请填写正文';
    if (utf8Bytes(form.body) > STUDY_BODY_MAX_BYTES) return '正文太长，请拆成几篇';
    input.body = form.body;
  } else {
    const url = form.url.trim();
    if (!/^https:\/\/\S+\.\S+$/i.test(url)) return '请填写 https:// 开头的链接';
    input.url = url;
  }

  const minSeconds = secondsFrom(form.minMinutes, '至少学习时长');
  if (typeof minSeconds === 'string') return minSeconds;
  const capSeconds = secondsFrom(form.capMinutes, '每天最多计入');
  if (typeof capSeconds === 'string') return capSeconds;
  const defaults = STUDY_ITEM_DEFAULTS[form.kind];
  if ((capSeconds ?? Math.max(defaults.capSeconds, minSeconds ?? 0)) < (minSeconds ?? defaults.minSeconds))
    return '每天最多计入的时长不能少于至少学习时长';
  if (minSeconds !== undefined) input.minSeconds = minSeconds;
  if (capSeconds !== undefined) input.capSeconds = capSeconds;

  const quiz = quizFrom(form.quiz);
  if (typeof quiz === 'string') return quiz;
  if (quiz.length > 0) input.quiz = quiz;
  return input;
}
