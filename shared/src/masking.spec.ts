import { maskIdNumber, maskName, maskPhone } from './masking.js';

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['8613812345678', '138****5678'],
    ['010-12345678', '*********78'],
    ['12', '**'],
    ['', ''],
  ])('masks %s as %s', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['11010119900307451x', '1****************X'],
    ['110101199003074512', '1****************2'],
    ['AB', '**'],
  ])('masks %s as %s', (input, expected) => {
    expect(maskIdNumber(input)).toBe(expected);
  });
});

describe('maskName', () => {
  it.each([
    ['张三丰', '张*丰'],
    ['张三', '张*'],
    ['欧阳娜娜', '欧**娜'],
    ['李', '李'],
  ])('masks %s as %s', (input, expected) => {
    expect(maskName(input)).toBe(expected);
  });
});
