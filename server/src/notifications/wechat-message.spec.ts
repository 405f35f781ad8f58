import {
  RETRY_DELAY_CAP_MS,
  THING_MAX_CHARS,
  flowMessageData,
  maskDigitRuns,
  purposeOf,
  retryDelayMs,
  templateValues,
  thingValue,
  timeValue,
} from './wechat-message.js';

describe('WeChat subscribe message data', () => {
  describe(thingValue.name, () => {
    it.each([
      ['short text as it is', '流动党员报到待确认', '流动党员报到待确认'],
      [
        'exactly 20 characters as it is',
        '一二三四五六七八九十一二三四五六七八九十',
        '一二三四五六七八九十一二三四五六七八九十',
      ],
      [
        'over 20 characters cut to 19 and …',
        '修武县驻上海市闵行区七宝镇流动党员第一党支部委员会',
        '修武县驻上海市闵行区七宝镇流动党员第一…',
      ],
      ['letters counted as characters, not bytes', 'abcdefghijklmnopqrstuvwxyz', 'abcdefghijklmnopqrs…'],
      ['characters outside the BMP counted once each', '𠀀'.repeat(21), `${'𠀀'.repeat(19)}…`],
      ['runs of spaces and line breaks as one space', ' 外出报告\n\n待审批 ', '外出报告 待审批'],
      ['empty text as 无', '  ', '无'],
    ])('keeps %s', (_label, input, expected) => {
      const value = thingValue(input);
      expect(value).toBe(expected);
      expect([...value].length).toBeLessThanOrEqual(THING_MAX_CHARS);
    });
  });

  describe(maskDigitRuns.name, () => {
    it.each([
      ['a mobile number', '请联系13912345678', '请联系****'],
      ['an ID number with an X', '证件410821198503121234X', '证件****'],
      ['a landline', '电话 5551234', '电话 ****'],
      ['short numbers in names', '第4流动党支部 2025年', '第4流动党支部 2025年'],
    ])('hides %s', (_label, input, expected) => {
      expect(maskDigitRuns(input)).toBe(expected);
    });
  });

  describe(timeValue.name, () => {
    it.each([
      ['a morning in Beijing time', '2025-03-05T02:05:00.000Z', '2025年3月5日 10:05'],
      ['the next day in Beijing before midnight UTC', '2025-12-31T16:30:00.000Z', '2026年1月1日 00:30'],
    ])('writes %s', (_label, iso, expected) => {
      expect(timeValue(new Date(iso))).toBe(expected);
    });
  });

  describe(flowMessageData.name, () => {
    const at = new Date('2025-03-05T02:05:00.000Z');

    it('gives a to-do its title, the branch, the time and what to do, as { key: { value } }', () => {
      expect(
        flowMessageData({ category: 'todo', title: '流动党员报到待确认', orgName: '修武县驻上海流动党员党支部', at }),
      ).toEqual({
        thing1: { value: '流动党员报到待确认' },
        thing2: { value: '修武县驻上海流动党员党支部' },
        time3: { value: '2025年3月5日 10:05' },
        thing4: { value: '请打开小程序处理' },
      });
    });

    it('addresses a member’s notice to 本人 and truncates long branch names', () => {
      const data = flowMessageData({ category: 'notice', title: '双向共管已生效', orgName: null, at });
      expect(data.thing2).toEqual({ value: '本人' });
      expect(data.thing4).toEqual({ value: '请打开小程序查看' });
      const long = flowMessageData({ category: 'notice', title: 'x', orgName: '某'.repeat(30), at });
      expect([...long.thing2.value]).toHaveLength(THING_MAX_CHARS);
    });

    it('unwraps to the plain values WechatClient takes', () => {
      expect(templateValues({ thing1: { value: 'a' }, time3: { value: 'b' } })).toEqual({ thing1: 'a', time3: 'b' });
    });
  });

  it('sends to-dos with the to-do template and notices with the notice template', () => {
    expect(purposeOf('todo')).toBe('flow_todo');
    expect(purposeOf('notice')).toBe('flow_notice');
  });

  describe(retryDelayMs.name, () => {
    it.each([
      [1, 30_000],
      [2, 60_000],
      [3, 120_000],
      [4, 240_000],
      [5, 480_000],
      [7, 1_920_000],
      [8, RETRY_DELAY_CAP_MS],
      [40, RETRY_DELAY_CAP_MS],
    ])('waits after failure %i for %i ms (base 30 s, doubling, capped at an hour)', (failures, expected) => {
      expect(retryDelayMs(failures, 30_000)).toBe(expected);
    });

    it('waits the base after the first failure however small the base', () => {
      expect([1, 2, 3].map((n) => retryDelayMs(n, 100))).toEqual([100, 200, 400]);
    });
  });
});
