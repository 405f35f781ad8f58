import { HOME_STAY_MAX_DAYS, type HomeStayOccasion, type RecordReturnRequest, type ReturnKind } from '@pioneer/shared';

export interface ReturnForm {
  kind: ReturnKind | null;
  homeFrom: string;
  homeUntil: string;
  occasion: HomeStayOccasion;
  note: string;
}

export const EMPTY_RETURN_FORM: ReturnForm = {
  kind: null,
  homeFrom: '',
  homeUntil: '',
  occasion: 'spring_festival',
  note: '',
};

function daysBetween(from: string, until: string): number {
  return Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The request to send, or the first thing the person still has to choose or fix. */
export function returnRequestFrom(form: ReturnForm, today: string): RecordReturnRequest | string {
  const note = form.note.trim();
  if (!form.kind) return '请选择临时返乡还是返乡不再外出';
  if (form.kind === 'permanent') return note ? { kind: 'permanent', note } : { kind: 'permanent' };
  if (!form.homeFrom) return '请选择到家日期';
  if (!form.homeUntil) return '请选择离家日期';
  if (form.homeUntil < form.homeFrom) return '离家日期不能早于到家日期';
  if (form.homeUntil < today) return '离家日期已经过去，不用再登记';
  if (daysBetween(form.homeFrom, form.homeUntil) > HOME_STAY_MAX_DAYS)
    return `临时返乡最长 ${HOME_STAY_MAX_DAYS} 天；如果不再外出，请选择“返乡，不再外出”`;
  const request: RecordReturnRequest = {
    kind: 'holiday',
    homeFrom: form.homeFrom,
    homeUntil: form.homeUntil,
    occasion: form.occasion,
  };
  if (note) request.note = note;
  return request;
}
