import { contactRequest, type ContactForm } from './contact-form';

const base: ContactForm = { method: 'phone', reached: true, day: '2026-03-10', note: '', nextContactOn: '' };
const now = new Date('2026-03-10T06:30:00Z');

describe('contactRequest', () => {
  it.each<[string, Partial<ContactForm>, string]>([
    ['no method', { method: null }, '请选择联系方式'],
    ['a day in the future', { day: '2026-03-11' }, '请选择联系日期（不能晚于今天）'],
    ['no day', { day: '' }, '请选择联系日期（不能晚于今天）'],
    ['a next contact on the same day', { nextContactOn: '2026-03-10' }, '下次联系日期须在本次联系之后'],
  ])('refuses %s', (_name, form, problem) => {
    expect(contactRequest({ ...base, ...form }, '2026-03-10', now)).toEqual({ ok: false, problem });
  });

  it('sends now for today, and leaves out empty optional fields', () => {
    expect(contactRequest(base, '2026-03-10', now)).toEqual({
      ok: true,
      request: { method: 'phone', contactedAt: now.toISOString(), reached: true },
    });
  });

  it('sends noon Beijing time for an earlier day, with the note trimmed and the next date', () => {
    const r = contactRequest(
      { ...base, day: '2026-03-08', note: '  在上海工作  ', nextContactOn: '2026-04-08', reached: false },
      '2026-03-10',
      now,
    );
    expect(r).toEqual({
      ok: true,
      request: {
        method: 'phone',
        contactedAt: '2026-03-08T04:00:00.000Z',
        reached: false,
        note: '在上海工作',
        nextContactOn: '2026-04-08',
      },
    });
  });
});
