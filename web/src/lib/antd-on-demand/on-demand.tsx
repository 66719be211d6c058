import { useEffect, useReducer, type ComponentProps, type ComponentType } from 'react';
import { onIdle } from '../idle.js';

// A component whose code is fetched the first time it is drawn, or once the browser is idle when
// `prefetch` is set (for parts the app does draw, so they are ready by then and appear at once).
// Until the code is there nothing is drawn. Used for antd parts that the first screen's components
// import but do not draw (see antdOnDemand in vite.config.ts).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function onDemand<C extends ComponentType<any>>(load: () => Promise<{ default: C }>, { prefetch = false } = {}) {
  let Real: C | undefined;
  let loading: Promise<void> | undefined;
  const fetchReal = () =>
    (loading ??= load().then(
      (m) => {
        Real = m.default;
      },
      (err: unknown) => {
        loading = undefined; // let a later draw try again
        throw err;
      },
    ));
  if (prefetch) onIdle(() => void fetchReal().catch(() => {}));

  return function OnDemand(props: ComponentProps<C>) {
    const [, loaded] = useReducer((n: number) => n + 1, 0);
    useEffect(() => {
      if (!Real) fetchReal().then(loaded, () => {});
    }, []);
    return Real ? <Real {...props} /> : null;
  };
}
