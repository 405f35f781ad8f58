import { ARRIVAL_STAY_OPTIONS, type ArrivalFacts, type ArrivalStay, type FlowView } from '@pioneer/shared';

export interface ArrivalForm {
  residence: string;
  employer: string;
  occupation: string;
  industry: string;
  stay: ArrivalStay | '';
}

export const EMPTY_ARRIVAL_FORM: ArrivalForm = { residence: '', employer: '', occupation: '', industry: '', stay: '' };

export const ARRIVAL_TEXT_MAX = { residence: 200, employer: 100, occupation: 50, industry: 50 } as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long until `until` (YYYY-MM-DD), as one of the stay choices; '' when unknown or past. */
export function stayUntil(until: string | null, today: Date): ArrivalStay | '' {
  if (!until) return '';
  const end = new Date(`${until}T00:00:00`);
  if (Number.isNaN(end.getTime())) return '';
  const days = (end.getTime() - today.getTime()) / DAY_MS;
  if (days < 0) return '';
  if (days < 91) return 'under_3_months';
  if (days < 183) return '3_to_6_months';
  if (days < 366) return '6_to_12_months';
  return 'over_1_year';
}

/** The form filled in from the member's own flow (外出报告), so they only check and correct it. */
export function arrivalFormFromFlow(flow: FlowView, today: Date): ArrivalForm {
  if (flow.side === 'receiving') return EMPTY_ARRIVAL_FORM;
  return {
    residence: flow.destinationAddress ?? '',
    employer: flow.employer ?? '',
    occupation: flow.occupation ?? '',
    industry: flow.industry ?? '',
    stay: stayUntil(flow.expectedUntil, today),
  };
}

/** The 四清 facts to send, or the first thing the member still has to fill in. */
export function arrivalFactsFrom(form: ArrivalForm): ArrivalFacts | string {
  const residence = form.residence.trim();
  if (!residence) return '请填写现在住在哪里';
  if (!form.stay || !ARRIVAL_STAY_OPTIONS.includes(form.stay)) return '请选择准备在这里待多久';
  const facts: ArrivalFacts = { residence, stay: form.stay };
  const employer = form.employer.trim();
  const occupation = form.occupation.trim();
  const industry = form.industry.trim();
  if (employer) facts.employer = employer;
  if (occupation) facts.occupation = occupation;
  if (industry) facts.industry = industry;
  return facts;
}
