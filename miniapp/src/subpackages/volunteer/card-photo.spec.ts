import { photoTypeOf } from './card-photo';
import { personalCodeIn } from './personal-code';

describe('photoTypeOf', () => {
  it.each([
    ['/9j/4AAQSkZJRgABAQ', 'image/jpeg'],
    ['iVBORw0KGgoAAAANSUhEUg', 'image/png'],
    ['R0lGODlhAQABAIAAAP', null],
    ['', null],
  ])('reads %s as %s', (data, type) => {
    expect(photoTypeOf(data)).toBe(type);
  });
});

describe('personalCodeIn', () => {
  it('finds no personal code in plain text or a link without one', () => {
    expect(personalCodeIn({ result: 'hello' })).toBeNull();
    expect(personalCodeIn({ result: 'https://example.com/?scene=abc' })).toBeNull();
  });
});
