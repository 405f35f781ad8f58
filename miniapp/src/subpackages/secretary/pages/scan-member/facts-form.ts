import type { ArrivalFacts, ArrivalStay } from '@pioneer/shared';

/** The 四清 facts a secretary may note down for a member reporting in (all optional as a whole). */
export interface FactsForm {
  residence: string;
  employer: string;
  occupation: string;
  industry: string;
  stay: ArrivalStay | null;
}

export const EMPTY_FACTS_FORM: FactsForm = { residence: '', employer: '', occupation: '', industry: '', stay: null };

/** Nothing filled: undefined; otherwise the facts, or the first thing missing. */
export function factsFrom(form: FactsForm): ArrivalFacts | undefined | string {
  const residence = form.residence.trim();
  const employer = form.employer.trim();
  const occupation = form.occupation.trim();
  const industry = form.industry.trim();
  if (!residence && !employer && !occupation && !industry && !form.stay) return undefined;
  if (!residence) return '填写四清信息时，请填写现居住地址';
  if (!form.stay) return '请选择预计在本地待多久';
  const facts: ArrivalFacts = { residence, stay: form.stay };
  if (employer) facts.employer = employer;
  if (occupation) facts.occupation = occupation;
  if (industry) facts.industry = industry;
  return facts;
}
