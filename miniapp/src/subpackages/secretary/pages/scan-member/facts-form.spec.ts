import { EMPTY_FACTS_FORM, factsFrom, type FactsForm } from './facts-form';

describe(factsFrom.name, () => {
  it('sends no facts when nothing was filled in', () => {
    expect(factsFrom(EMPTY_FACTS_FORM)).toBeUndefined();
    expect(factsFrom({ ...EMPTY_FACTS_FORM, residence: '   ' })).toBeUndefined();
  });

  it.each<[string, Partial<FactsForm>, string]>([
    ['work without a residence', { occupation: '电工' }, '填写四清信息时，请填写现居住地址'],
    ['a stay without a residence', { stay: 'over_1_year' }, '填写四清信息时，请填写现居住地址'],
    ['a residence without a stay', { residence: '杨漕村' }, '请选择预计在本地待多久'],
  ])('asks for what is missing with %s', (_name, change, message) => {
    expect(factsFrom({ ...EMPTY_FACTS_FORM, ...change })).toBe(message);
  });

  it('trims the text and leaves out what was not filled in', () => {
    expect(
      factsFrom({ ...EMPTY_FACTS_FORM, residence: ' 杨漕村 ', industry: ' 建筑 ', stay: '3_to_6_months' }),
    ).toEqual({
      residence: '杨漕村',
      industry: '建筑',
      stay: '3_to_6_months',
    });
  });
});
