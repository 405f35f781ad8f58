import {
  STUDY_SUMMARY_MAX,
  STUDY_TITLE_MAX,
  type CreateStudyPackRequest,
  type StudyAudienceScope,
  type StudyPackKind,
  type StudyPackView,
} from '@pioneer/shared';

export interface PackForm {
  kind: StudyPackKind;
  title: string;
  summary: string;
  /** YYYY-MM; monthly packs only. */
  month: string;
  audienceOrgId: string;
  scope: StudyAudienceScope;
}

export function emptyPackForm(orgId: string, month: string): PackForm {
  return { kind: 'monthly', title: '', summary: '', month, audienceOrgId: orgId, scope: 'members' };
}

export function packFormFrom(pack: StudyPackView): PackForm {
  return {
    kind: pack.kind,
    title: pack.title,
    summary: pack.summary ?? '',
    month: pack.month ?? '',
    audienceOrgId: pack.audience.orgId,
    scope: pack.audience.scope,
  };
}

/** What to send for the form, or the first problem in words. */
export function packRequestFrom(form: PackForm): CreateStudyPackRequest | string {
  const title = form.title.trim();
  if (!title) return '请填写礼包名称';
  if (title.length > STUDY_TITLE_MAX) return `礼包名称最多 ${STUDY_TITLE_MAX} 个字`;
  const summary = form.summary.trim();
  if (summary.length > STUDY_SUMMARY_MAX) return `简介最多 ${STUDY_SUMMARY_MAX} 个字`;
  if (form.kind === 'monthly' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(form.month)) return '请选择是哪个月的学习礼包';
  if (!form.audienceOrgId) return '请选择发给哪个组织的党员';
  const request: CreateStudyPackRequest = {
    kind: form.kind,
    title,
    audience: { orgId: form.audienceOrgId, scope: form.scope },
  };
  if (summary) request.summary = summary;
  if (form.kind === 'monthly') request.month = form.month;
  return request;
}
