import {
  PHONE_PATTERN,
  REGION_CODE_PATTERN,
  type FlowSelfView,
  type FlowSendingView,
  type ReportOutflowRequest,
} from '@pioneer/shared';

export interface ReportForm {
  destinationAddress: string;
  destinationRegionCode: string;
  industry: string;
  occupation: string;
  employer: string;
  expectedFrom: string;
  expectedUntil: string;
  contactNote: string;
  contactPhone: string;
}

export const EMPTY_REPORT_FORM: ReportForm = {
  destinationAddress: '',
  destinationRegionCode: '',
  industry: '',
  occupation: '',
  employer: '',
  expectedFrom: '',
  expectedUntil: '',
  contactNote: '',
  contactPhone: '',
};

/** Trades the sources mention most; tapping one fills the field, which stays editable. */
export const COMMON_INDUSTRIES = ['交通运输', '快递外卖', '建筑装修', '制造业', '批发零售', '餐饮住宿', '家政服务'];

/** The request to send, or the first thing the person still has to fill in. */
export function reportRequestFrom(form: ReportForm): ReportOutflowRequest | string {
  const text = (value: string) => value.trim();
  if (!text(form.destinationAddress)) return '请填写外出去往的地点';
  if (!text(form.industry)) return '请填写或选择从事的行业';
  if (!text(form.occupation)) return '请填写从事的工作';
  if (!text(form.employer)) return '请填写工作单位，个体经营请填“个体”';
  if (!form.expectedFrom) return '请选择预计外出日期';
  if (!form.expectedUntil) return '请选择预计返回日期';
  if (form.expectedUntil < form.expectedFrom) return '预计返回日期不能早于外出日期';
  const phone = text(form.contactPhone);
  if (!phone) return '请填写外出期间能联系到您的手机号';
  if (!PHONE_PATTERN.test(phone)) return '手机号是 11 位数字，请核对';
  const regionCode = text(form.destinationRegionCode);
  if (regionCode && !REGION_CODE_PATTERN.test(regionCode)) return '地区代码是 6 位数字，不清楚可以不填';
  const request: ReportOutflowRequest = {
    destinationAddress: text(form.destinationAddress),
    industry: text(form.industry),
    occupation: text(form.occupation),
    employer: text(form.employer),
    expectedFrom: form.expectedFrom,
    expectedUntil: form.expectedUntil,
    contactPhone: phone,
  };
  if (regionCode) request.destinationRegionCode = regionCode;
  if (text(form.contactNote)) request.contactNote = text(form.contactNote);
  return request;
}

/**
 * The report as last sent, to edit after the branch asked for changes. The phone is shown to
 * nobody in full, the member included, so it is typed again.
 */
export function formFromFlow(flow: FlowSelfView | FlowSendingView): ReportForm {
  return {
    destinationAddress: flow.destinationAddress ?? '',
    destinationRegionCode: flow.destinationRegionCode ?? '',
    industry: flow.industry ?? '',
    occupation: flow.occupation ?? '',
    employer: flow.employer ?? '',
    expectedFrom: flow.expectedFrom ?? '',
    expectedUntil: flow.expectedUntil ?? '',
    contactNote: '',
    contactPhone: '',
  };
}
