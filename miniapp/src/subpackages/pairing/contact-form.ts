import type { ContactMethod, LogContactRequest } from '@pioneer/shared';

export interface ContactForm {
  method: ContactMethod | null;
  reached: boolean;
  /** YYYY-MM-DD on this phone. */
  day: string;
  note: string;
  nextContactOn: string;
}

/** The request for a filled form, or the first problem to show. Today means now; an earlier day means its noon. */
export function contactRequest(
  form: ContactForm,
  today: string,
  now: Date = new Date(),
): { ok: true; request: LogContactRequest } | { ok: false; problem: string } {
  if (!form.method) return { ok: false, problem: '请选择联系方式' };
  if (!form.day || form.day > today) return { ok: false, problem: '请选择联系日期（不能晚于今天）' };
  if (form.nextContactOn && form.nextContactOn <= form.day)
    return { ok: false, problem: '下次联系日期须在本次联系之后' };
  const contactedAt = form.day === today ? now.toISOString() : new Date(`${form.day}T12:00:00+08:00`).toISOString();
  const note = form.note.trim();
  return {
    ok: true,
    request: {
      method: form.method,
      contactedAt,
      reached: form.reached,
      ...(note ? { note } : {}),
      ...(form.nextContactOn ? { nextContactOn: form.nextContactOn } : {}),
    },
  };
}
