import type { StudyItemView } from '@pioneer/shared';
import { inputOf, reorderPlan } from './item-order';

const item = (id: string, overrides: Partial<StudyItemView> = {}): StudyItemView => ({
  id,
  position: 0,
  kind: 'article',
  title: id,
  body: `<p>${id}</p>`,
  url: null,
  minSeconds: 120,
  capSeconds: 1800,
  quiz: null,
  ...overrides,
});

describe(reorderPlan.name, () => {
  const items = ['a', 'b', 'c', 'd'].map((id) => item(id));
  const ids = (list: StudyItemView[]) => list.map((entry) => entry.id);

  it('makes again only what follows the first changed place, in the new order', () => {
    expect(ids(reorderPlan(items, 2, 1).readd)).toEqual(['c', 'b', 'd']);
    expect(reorderPlan(items, 2, 1).remove).toEqual(['c', 'b', 'd']);
    expect(ids(reorderPlan(items, 0, 3).readd)).toEqual(['b', 'c', 'd', 'a']);
    expect(ids(reorderPlan(items, 3, 2).readd)).toEqual(['d', 'c']);
  });

  it('does nothing for a move out of range or to the same place', () => {
    expect(reorderPlan(items, 1, 1)).toEqual({ readd: [], remove: [] });
    expect(reorderPlan(items, 0, -1)).toEqual({ readd: [], remove: [] });
    expect(reorderPlan(items, 3, 4)).toEqual({ readd: [], remove: [] });
  });
});

describe(inputOf.name, () => {
  it('carries only the fields of the item’s kind, with times and quiz answers', () => {
    expect(inputOf(item('a'))).toEqual({
      kind: 'article',
      title: 'a',
      body: '<p>a</p>',
      minSeconds: 120,
      capSeconds: 1800,
    });
    const quiz = [{ text: '题', options: ['甲', '乙'], answer: 1 }];
    expect(inputOf(item('v', { kind: 'video_link', body: null, url: 'https://v.test/1', quiz }))).toEqual({
      kind: 'video_link',
      title: 'v',
      url: 'https://v.test/1',
      minSeconds: 120,
      capSeconds: 1800,
      quiz,
    });
  });
});
