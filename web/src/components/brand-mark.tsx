/**
 * The product mark: concentric rings (the product name means "one heart") in gold on the accent
 * red; `onAccent` draws it on a red background (a translucent tile instead of the red one).
 */
export function BrandMark({ size = 32, onAccent = false }: { size?: number; onAccent?: boolean }) {
  return (
    <svg width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <rect
        width="48"
        height="48"
        rx="11"
        fill={onAccent ? 'rgba(255,255,255,0.12)' : '#c8102e'}
        stroke={onAccent ? 'rgba(244,200,106,0.55)' : 'none'}
        strokeWidth={onAccent ? 1.5 : 0}
      />
      <circle cx="24" cy="24" r="15" fill="none" stroke="#f4c86a" strokeWidth="3" />
      <circle cx="24" cy="24" r="9" fill="none" stroke="#f4c86a" strokeWidth="3" />
      <circle cx="24" cy="24" r="3.5" fill="#f4c86a" />
    </svg>
  );
}
