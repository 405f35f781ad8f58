import { benefitForm, EMPTY_BENEFIT_FORM, type BenefitForm } from './benefit-form';

const filled: BenefitForm = {
  orgId: 'org-1',
  title: ' 免费手机充电 ',
  description: '',
  cost: '10',
  stock: '20',
  perMemberLimit: '',
  provider: '党群服务站',
};

describe('benefitForm', () => {
  it('builds the request from what was typed', () => {
    expect(benefitForm(filled)).toEqual({
      orgId: 'org-1',
      title: '免费手机充电',
      description: null,
      cost: 10,
      stock: 20,
      perMemberLimit: null,
      provider: '党群服务站',
    });
    expect(benefitForm({ ...filled, perMemberLimit: '2' })).toMatchObject({ perMemberLimit: 2 });
  });

  it.each<[string, Partial<BenefitForm>, string]>([
    ['no org', { orgId: '' }, '请选择提供权益的组织'],
    ['no title', { title: ' ' }, '请填写权益名称'],
    ['cost 0', { cost: '0' }, '所需积分请填写大于 0 的整数'],
    ['fractional cost', { cost: '1.5' }, '所需积分请填写大于 0 的整数'],
    ['negative stock', { stock: '-1' }, '库存请填写整数'],
    ['limit 0', { perMemberLimit: '0' }, '每人限兑次数请填写大于 0 的整数，或留空'],
    ['no provider', { provider: '' }, '请填写提供方'],
  ])('refuses %s', (_label, change, message) => {
    expect(benefitForm({ ...filled, ...change })).toBe(message);
  });

  it('starts empty', () => {
    expect(benefitForm(EMPTY_BENEFIT_FORM)).toBe('请选择提供权益的组织');
  });
});
