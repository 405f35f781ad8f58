import type { SetStudyPlanRequest, StudyPlanRule } from '@pioneer/shared';

export interface PlanForm {
  requiredHours: string;
  requiredActivities: string;
  electives: string;
}

export const EMPTY_PLAN_FORM: PlanForm = { requiredHours: '', requiredActivities: '', electives: '' };

export function planFormFrom(rule: StudyPlanRule): PlanForm {
  return {
    requiredHours: String(rule.requiredHours),
    requiredActivities: String(rule.requiredActivities),
    electives: String(rule.electives),
  };
}

/** What to send, or the first problem in words. */
export function planRequestFrom(form: PlanForm, orgId: string, year: number): SetStudyPlanRequest | string {
  const hours = form.requiredHours.trim();
  if (!/^\d{1,4}(\.\d)?$/.test(hours) || Number(hours) > 2000) return '全年学习时长请填写 0 到 2000 之间的小时数';
  const activities = form.requiredActivities.trim();
  if (!/^\d{1,3}$/.test(activities) || Number(activities) > 365) return '全年参加活动次数请填写 0 到 365 之间的整数';
  const electives = form.electives.trim();
  if (!/^\d{1,2}$/.test(electives) || Number(electives) > 50) return '选学数量请填写 0 到 50 之间的整数';
  return {
    orgId,
    year,
    requiredHours: Number(hours),
    requiredActivities: Number(activities),
    electives: Number(electives),
  };
}
