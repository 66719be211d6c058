import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiRequestError } from '../lib/api.js';
import { onIdle } from '../lib/idle.js';
import { prefetchResultPages } from '../components/lazy-result-pages.js';
import { LocaleProvider } from '../lib/i18n.js';
import { AntdProvider } from './antd-provider.js';
import { createRouter } from './router.js';

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Client errors (4xx) will not fix themselves; network and server errors get two more tries.
        retry: (failureCount, error) =>
          !(error instanceof ApiRequestError && error.status < 500) && failureCount < 2,
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

/** Providers, outermost first: data cache, UI language, antd (theme, locale, App), router. */
export function TongxinApp() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);
  // Off the first screen's critical path, but loaded before an error page could be needed (e.g. after a deploy).
  useEffect(() => onIdle(prefetchResultPages), []);
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <AntdProvider>
          <RouterProvider router={router} />
        </AntdProvider>
      </LocaleProvider>
    </QueryClientProvider>
  );
}
