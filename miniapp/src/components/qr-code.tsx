import { Text, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/** White modules around the symbol, as the QR standard asks, so scanners find its edges. */
export const QR_QUIET_MODULES = 4;

export interface QrRun {
  dark: boolean;
  /** Modules. */
  length: number;
}

/** UTF-8 bytes as a one-byte-per-character string: the library's Byte mode takes each char code as a byte. */
function utf8Bytes(text: string): string {
  return encodeURIComponent(text).replace(/%([0-9A-F]{2})/g, (_whole, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/**
 * The symbol for `text` as rows of alternating light and dark runs (medium error correction, the
 * smallest version that fits). Runs rather than single modules keep the element count low enough for
 * a mini-program page. Throws when the text is too long for any QR version.
 */
export function qrRows(text: string): QrRun[][] {
  const qr = qrcode(0, 'M');
  qr.addData(utf8Bytes(text), 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const rows: QrRun[][] = [];
  for (let row = 0; row < count; row += 1) {
    const runs: QrRun[] = [];
    for (let col = 0; col < count; col += 1) {
      const dark = qr.isDark(row, col);
      const last = runs[runs.length - 1];
      if (last && last.dark === dark) last.length += 1;
      else runs.push({ dark, length: 1 });
    }
    rows.push(runs);
  }
  return rows;
}

export interface QrCodeProps {
  /** The element's id; it also carries `data-qr-text` with the encoded text, for browser tests. */
  id?: string;
  text: string;
  /** Largest width and height in px, quiet zone included; the symbol snaps to whole pixels per module. */
  size: number;
}

const px = (n: number) => `${n}px`;

/** Only the dark runs are drawn, each after the light gap before it: half the elements. */
function darkRuns(runs: QrRun[]): { start: number; gap: number; length: number }[] {
  const out: { start: number; gap: number; length: number }[] = [];
  let column = 0;
  let gap = 0;
  for (const run of runs) {
    if (run.dark) {
      out.push({ start: column, gap, length: run.length });
      gap = 0;
    } else {
      gap += run.length;
    }
    column += run.length;
  }
  return out;
}

/** A QR code drawn with views, so it renders the same on H5 and in the mini-program without a canvas. */
export function QrCode({ id, text, size }: QrCodeProps) {
  const rows = useMemo(() => {
    try {
      return qrRows(text);
    } catch {
      return null;
    }
  }, [text]);

  if (!rows) {
    return (
      <View id={id} className="qr-code qr-code--failed" data-qr-text={text}>
        <Text className="error-text">二维码生成失败，内容太长</Text>
      </View>
    );
  }

  const modules = rows.length + QR_QUIET_MODULES * 2;
  const cell = Math.max(1, Math.floor(size / modules));
  const side = cell * modules;
  return (
    <View
      id={id}
      className="qr-code"
      data-testid="qr-code"
      data-qr-text={text}
      data-qr-modules={rows.length}
      style={{
        width: px(side),
        height: px(side),
        padding: px(cell * QR_QUIET_MODULES),
        boxSizing: 'border-box',
        backgroundColor: '#ffffff',
        flexShrink: 0,
      }}
    >
      {rows.map((runs, rowIndex) => (
        <View key={rowIndex} style={{ display: 'flex', height: px(cell) }}>
          {darkRuns(runs).map((run) => (
            <View
              key={run.start}
              style={{
                marginLeft: px(run.gap * cell),
                width: px(run.length * cell),
                height: px(cell),
                flexShrink: 0,
                backgroundColor: '#000000',
              }}
            />
          ))}
        </View>
      ))}
    </View>
  );
}
