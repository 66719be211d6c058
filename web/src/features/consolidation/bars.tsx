import type { CSSProperties } from 'react';

// Inline bars drawn with CSS (no chart library): a share of a whole, and a signed weight around a
// centre line. Both are decoration (aria-hidden); the number beside them carries the meaning.

export const GREEN = '#389e0d';
/** Green text passes AA contrast on white only this dark. */
const GREEN_TEXT = '#237804';
export const RED = '#cf1322';
const BLUE = '#1677ff';
const TRACK = '#f0f0f0';

/** 'share' of 1 as a bar of the given width. */
export function ShareBar({ share, width = 120, color = BLUE }: { share: number; width?: number | string; color?: string }) {
  const pct = Math.max(0, Math.min(1, share)) * 100;
  const track: CSSProperties = { display: 'inline-block', width, height: 8, background: TRACK, borderRadius: 4, overflow: 'hidden', verticalAlign: 'middle' };
  return (
    <span aria-hidden style={track}>
      <span style={{ display: 'block', width: `${pct}%`, height: '100%', background: color, borderRadius: 4 }} />
    </span>
  );
}

/** A signed weight: green to the right of the centre for evidence of one person, red to the left against. */
export function WeightBar({ weight, max, width = 120 }: { weight: number; max: number; width?: number }) {
  const half = width / 2;
  const len = max > 0 ? Math.min(1, Math.abs(weight) / max) * half : 0;
  return (
    <span aria-hidden style={{ position: 'relative', display: 'inline-block', width, height: 10, background: TRACK, borderRadius: 2, verticalAlign: 'middle' }}>
      <span style={{ position: 'absolute', left: half - 0.5, top: -2, width: 1, height: 14, background: '#8c8c8c' }} />
      {len > 0 && (
        <span
          style={{
            position: 'absolute',
            top: 0,
            height: '100%',
            width: len,
            left: weight >= 0 ? half : half - len,
            background: weight >= 0 ? GREEN : RED,
            borderRadius: 2,
          }}
        />
      )}
    </span>
  );
}

/** '+3.41' / '−2.83' / '0.00': signed, two decimals, a real minus sign. */
export function signed(weight: number): string {
  const abs = Math.abs(weight).toFixed(2);
  if (abs === '0.00') return '0.00';
  return weight > 0 ? `+${abs}` : `\u2212${abs}`;
}

/** Text colour for a weight: dark enough for AA contrast on white. */
export function weightColor(weight: number): string | undefined {
  if (Math.abs(weight) < 0.005) return undefined;
  return weight > 0 ? GREEN_TEXT : RED;
}

/** '12.3%' */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
