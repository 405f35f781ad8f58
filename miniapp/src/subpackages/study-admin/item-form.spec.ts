import { STUDY_BODY_MAX_BYTES } from '@pioneer/shared';
import { EMPTY_ITEM_FORM, emptyQuestion, itemFormFrom, itemInputFrom, type ItemForm } from './item-form';

const form = (overrides: Partial<ItemForm>): ItemForm => ({ ...EMPTY_ITEM_FORM, title: '党章总纲', ...overrides });

describe(itemInputFrom.name, () => {
  it('sends an article with its body and no link, leaving default times to the server', () => {
    expect(itemInputFrom(form({ body: '<p>正文</p>', url: 'https://left.over/x' }))).toEqual({
      kind: 'article',
      title: '党章总纲',
      body: '<p>正文</p>',
    });
  });

  it('sends a link item with its https link only, and minutes as seconds', () => {
    expect(
      itemInputFrom(
        form({ kind: 'video_link', body: '<p>x</p>', url: ' https://v.test/1 ', minMinutes: '8', capMinutes: '30' }),
      ),
    ).toEqual({ kind: 'video_link', title: '党章总纲', url: 'https://v.test/1', minSeconds: 480, capSeconds: 1800 });
  });

  it.each<[string, Partial<ItemForm>, string]>([
    ['a blank title', { title: '  ' }, '请填写标题'],
    ['an article without a body', { body: '' }, '请填写正文'],
    ['a body over the limit', { body: 'x'.repeat(STUDY_BODY_MAX_BYTES + 1) }, '正文太长，请拆成几篇'],
    ['a plain http link', { kind: 'audio', url: 'http://a.test/a.mp3' }, '请填写 https:// 开头的链接'],
    ['minutes in words', { minMinutes: '五' }, '至少学习时长请填写分钟数，如 5'],
    ['five hours', { minMinutes: '300' }, '至少学习时长须在 1 到 240 分钟之间'],
    ['a cap below the minimum', { minMinutes: '20', capMinutes: '10' }, '每天最多计入的时长不能少于至少学习时长'],
  ])('refuses %s', (_name, overrides, message) => {
    expect(itemInputFrom(form({ body: '<p>正文</p>', ...overrides }))).toBe(message);
  });

  it('sends the quiz with the right answers and names the first incomplete question', () => {
    const question = { text: '党的根本宗旨是什么？', options: ['全心全意为人民服务', '发展经济'], answer: 0 };
    expect(itemInputFrom(form({ body: '正文', quiz: [question] }))).toMatchObject({ quiz: [question] });
    expect(itemInputFrom(form({ body: '正文', quiz: [question, emptyQuestion()] }))).toBe('第 2 题还没有填写题目');
    expect(itemInputFrom(form({ body: '正文', quiz: [{ ...question, answer: null }] }))).toBe(
      '第 1 题还没有选择正确答案',
    );
    expect(itemInputFrom(form({ body: '正文', quiz: [{ ...question, options: ['只有一个'] }] }))).toBe(
      '第 1 题须有 2 到 6 个选项',
    );
  });
});

describe(itemFormFrom.name, () => {
  it('fills the form from a stored item, leaving default times empty', () => {
    expect(
      itemFormFrom({
        id: 'i-1',
        position: 1,
        kind: 'audio',
        title: '微党课',
        body: null,
        url: 'https://a.test/a.mp3',
        minSeconds: 300,
        capSeconds: 5400,
        quiz: [{ text: '题', options: ['甲', '乙'], answer: 1 }],
      }),
    ).toEqual({
      kind: 'audio',
      title: '微党课',
      body: '',
      url: 'https://a.test/a.mp3',
      minMinutes: '',
      capMinutes: '90',
      quiz: [{ text: '题', options: ['甲', '乙'], answer: 1 }],
    });
  });
});
