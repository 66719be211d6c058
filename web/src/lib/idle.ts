/** Runs `f` once the browser is idle (after the first screen): for work that should not compete with it. */
export function onIdle(f: () => void): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(() => f());
  else window.setTimeout(f, 1500);
}
