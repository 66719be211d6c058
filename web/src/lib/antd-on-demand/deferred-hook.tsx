import { useCallback, useEffect, useReducer, useRef, useState, type ReactNode } from 'react';
import { onIdle } from '../idle.js';

// Stand-ins for the message, notification and modal hooks that antd's <App> calls (see
// antdOnDemand in vite.config.ts). The real hooks bring ~15 KB gzip (notification and dialog
// components) that the first screen never shows, so each stand-in returns at once an API of the same
// shape and mounts the real hook (and its holder) once the browser is idle or on the first call,
// whichever is first. Calls made before then are replayed in order; their return values stand in for
// the real handles (closing, `update`, `then`).

type Api = Record<string, (...args: unknown[]) => unknown>;
type Hook = (config?: unknown) => readonly [Api, ReactNode];

interface Pending {
  real?: Api;
  queue: ((api: Api) => void)[];
}

/** The value a call returns before the real API exists: a close function that is also a modal instance and a thenable. */
function deferredHandle(pending: Pending, call: (api: Api) => unknown) {
  let real: unknown;
  let made = false;
  const afterMade: ((r: unknown) => void)[] = [];
  const whenMade = (f: (r: unknown) => void) => (made ? f(real) : afterMade.push(f));
  pending.queue.push((api) => {
    real = call(api);
    made = true;
    for (const f of afterMade.splice(0)) f(real);
  });
  const close = (r: unknown) => {
    if (typeof r === 'function') (r as () => void)();
    else (r as { destroy?: () => void } | undefined)?.destroy?.();
  };
  const handle = () => whenMade(close);
  handle.destroy = () => whenMade(close);
  handle.update = (config: unknown) => whenMade((r) => (r as { update?: (c: unknown) => void } | undefined)?.update?.(config));
  // Resolving with the real handle adopts it when it is a thenable (message: closed; modal: confirmed).
  handle.then = (onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) =>
    new Promise<unknown>((resolve) => whenMade(resolve)).then(onFulfilled, onRejected);
  return handle;
}

export function deferHook(load: () => Promise<{ default: unknown }>, methods: readonly string[]) {
  let useReal: Hook | undefined;
  let loading: Promise<void> | undefined;
  const fetchReal = () =>
    (loading ??= load().then(
      (m) => {
        useReal = m.default as Hook;
      },
      (err: unknown) => {
        loading = undefined; // the next call tries again
        throw err;
      },
    ));

  function Holder({ config, onApi }: { config: unknown; onApi: (api: Api) => void }) {
    const [api, holder] = useReal!(config);
    // Children's effects (the holder's ref) run first, so the API is usable when handed over.
    useEffect(() => onApi(api), [api, onApi]);
    return <>{holder}</>;
  }

  return function useDeferred(config?: unknown): [Api, ReactNode] {
    const [ready, setReady] = useState(false);
    // Bumped when the real hook is wanted (idle, or a call): each bump retries a failed fetch.
    const [wanted, want] = useReducer((n: number) => n + 1, 0);
    const pending = useRef<Pending>({ queue: [] });
    useEffect(() => onIdle(want), []);
    useEffect(() => {
      if (wanted === 0 || ready) return;
      let live = true;
      fetchReal().then(
        () => live && setReady(true),
        () => {}, // a failed fetch must not break the app; calls stay queued until a later one succeeds
      );
      return () => {
        live = false;
      };
    }, [wanted, ready]);
    const onApi = useCallback((api: Api) => {
      pending.current.real = api;
      for (const replay of pending.current.queue.splice(0)) replay(api);
    }, []);
    const [api] = useState(() => {
      const proxy: Api = {};
      for (const m of methods) {
        proxy[m] = (...args: unknown[]) => {
          const { real } = pending.current;
          if (real) return real[m]!(...args);
          want();
          return deferredHandle(pending.current, (a) => a[m]!(...args));
        };
      }
      return proxy;
    });
    return [api, ready ? <Holder config={config} onApi={onApi} /> : null];
  };
}
