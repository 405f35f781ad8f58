import { render } from '@testing-library/react';
import { byId } from '../../test/ui';
import { QR_QUIET_MODULES, QrCode, qrRows } from './qr-code';

const LINK = 'https://pioneer.example.cn/pages/scan/index?scene=AK7Q2M9XD.1kz3a9.x5F0aQm3Lk';

describe(QrCode.name, () => {
  it('draws a square symbol with the three finder patterns in its corners', () => {
    const rows = qrRows(LINK);
    const count = rows.length;

    expect(count).toBeGreaterThanOrEqual(21);
    expect((count - 17) % 4).toBe(0);
    for (const runs of rows) expect(runs.reduce((sum, run) => sum + run.length, 0)).toBe(count);
    // Top-left and top-right finders: a dark run of 7 at each end of the first row.
    expect(rows[0][0]).toEqual({ dark: true, length: 7 });
    expect(rows[0][rows[0].length - 1]).toEqual({ dark: true, length: 7 });
    // Bottom-left finder.
    expect(rows[count - 1][0]).toEqual({ dark: true, length: 7 });
  });

  it('needs a bigger symbol for longer text and encodes Chinese as UTF-8', () => {
    expect(qrRows('B1').length).toBe(21);
    expect(qrRows(LINK.repeat(3)).length).toBeGreaterThan(qrRows(LINK).length);
    expect(() => qrRows('流动先锋码')).not.toThrow();
  });

  it('carries the encoded text and fits whole pixels per module inside the size asked for', () => {
    render(<QrCode id="venue-qr" text={LINK} size={400} />);

    const element = byId('venue-qr');
    const modules = Number(element.getAttribute('data-qr-modules'));
    const cell = Math.floor(400 / (modules + QR_QUIET_MODULES * 2));
    expect(element.getAttribute('data-qr-text')).toBe(LINK);
    expect(element.style.width).toBe(`${cell * (modules + QR_QUIET_MODULES * 2)}px`);
    expect(element.children).toHaveLength(modules);
  });

  it('draws exactly the dark modules of the symbol', () => {
    render(<QrCode id="venue-qr" text={LINK} size={300} />);

    const element = byId('venue-qr');
    const modules = Number(element.getAttribute('data-qr-modules'));
    const cell = Math.floor(300 / (modules + QR_QUIET_MODULES * 2));
    const drawn = [...element.children].map((row) => {
      const line = Array<boolean>(modules).fill(false);
      let column = 0;
      for (const run of [...row.children] as HTMLElement[]) {
        column += parseInt(run.style.marginLeft, 10) / cell;
        const length = parseInt(run.style.width, 10) / cell;
        for (let i = 0; i < length; i += 1) line[column + i] = true;
        column += length;
      }
      return line;
    });
    const expected = qrRows(LINK).map((runs) => runs.flatMap((run) => Array<boolean>(run.length).fill(run.dark)));
    expect(drawn).toEqual(expected);
  });

  it('says so instead of drawing when the text cannot fit in any QR code', () => {
    render(<QrCode id="too-long" text={'x'.repeat(4000)} size={300} />);

    expect(byId('too-long')).toHaveTextContent('二维码生成失败');
  });
});
