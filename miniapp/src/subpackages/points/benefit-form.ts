import type { CreateBenefitRequest } from '@pioneer/shared';

/** What the new-benefit form holds: text as typed. */
export interface BenefitForm {
  orgId: string;
  title: string;
  description: string;
  cost: string;
  stock: string;
  perMemberLimit: string;
  provider: string;
}

export const EMPTY_BENEFIT_FORM: BenefitForm = {
  orgId: '',
  title: '',
  description: '',
  cost: '',
  stock: '',
  perMemberLimit: '',
  provider: '',
};

const WHOLE = /^\d+$/;

/** The request to send, or what to fix first (in words for the person filling it in). */
export function benefitForm(form: BenefitForm): CreateBenefitRequest | string {
  if (!form.orgId) return '请选择提供权益的组织';
  if (!form.title.trim()) return '请填写权益名称';
  if (!WHOLE.test(form.cost.trim()) || Number(form.cost) < 1) return '所需积分请填写大于 0 的整数';
  if (!WHOLE.test(form.stock.trim())) return '库存请填写整数';
  const limit = form.perMemberLimit.trim();
  if (limit && (!WHOLE.test(limit) || Number(limit) < 1)) return '每人限兑次数请填写大于 0 的整数，或留空';
  if (!form.provider.trim()) return '请填写提供方';
  return {
    orgId: form.orgId,
    title: form.title.trim(),
    description: form.description.trim() || null,
    cost: Number(form.cost.trim()),
    stock: Number(form.stock.trim()),
    perMemberLimit: limit ? Number(limit) : null,
    provider: form.provider.trim(),
  };
}
