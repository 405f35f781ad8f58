import {
  CARD_SKILLS_MAX,
  type Availability,
  type CreateCardRequest,
  type DaySlot,
  type MyCardView,
} from '@pioneer/shared';

export interface CardForm {
  skillCodes: string[];
  extraSkills: string;
  description: string;
  area: { id: string; name: string } | null;
  regionText: string;
  days: number[];
  slots: DaySlot[];
  note: string;
}

export const EMPTY_CARD_FORM: CardForm = {
  skillCodes: [],
  extraSkills: '',
  description: '',
  area: null,
  regionText: '',
  days: [],
  slots: [],
  note: '',
};

export function formFromCard(card: MyCardView): CardForm {
  return {
    skillCodes: card.skills.map((s) => s.code),
    extraSkills: card.extraSkills ?? '',
    description: card.description,
    area: { id: card.areaId, name: card.areaName },
    regionText: card.regionText ?? '',
    days: [...card.availability.days],
    slots: [...card.availability.slots],
    note: card.availability.note ?? '',
  };
}

/** Adds or removes one item; a list already at `max` takes no more. */
export function toggled<T>(list: readonly T[], item: T, max = Infinity): T[] {
  if (list.includes(item)) return list.filter((x) => x !== item);
  return list.length >= max ? [...list] : [...list, item];
}

/** The request to send, or what to fix first in plain words. */
export function cardRequestFrom(form: CardForm): CreateCardRequest | string {
  if (form.skillCodes.length === 0 && !form.extraSkills.trim()) return '请至少选一项技能';
  if (form.skillCodes.length === 0) return '请从列表里至少选一项技能，其他技能可以写在下面';
  if (form.skillCodes.length > CARD_SKILLS_MAX) return `技能最多选 ${CARD_SKILLS_MAX} 项`;
  const description = form.description.trim();
  if (!description) return '请简单介绍一下您能帮什么忙';
  if (!form.area) return '请选择服务的社区';
  const availability: Availability = { days: [...form.days].sort((a, b) => a - b), slots: form.slots };
  if (form.note.trim()) availability.note = form.note.trim();
  const request: CreateCardRequest = {
    skillCodes: form.skillCodes,
    description,
    areaId: form.area.id,
    availability,
  };
  if (form.extraSkills.trim()) request.extraSkills = form.extraSkills.trim();
  if (form.regionText.trim()) request.regionText = form.regionText.trim();
  return request;
}
