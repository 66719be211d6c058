import { Suspense, useEffect } from 'react';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundPage, ServerErrorPage } from '../components/lazy-result-pages.js';

/** Route error boundary: 404 for unknown routes, the 500 result page for anything thrown. */
export function RouteErrorPage() {
  const error = useRouteError();
  useEffect(() => {
    console.error(error);
  }, [error]);
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return <ServerErrorPage error={error} />;
}

/** Top-level boundary (outside the app shell): the same pages, centred on an empty screen. */
export function RootErrorPage() {
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      {/* Outside the root's Suspense: the result pages load on demand. */}
      <Suspense fallback={null}>
        <RouteErrorPage />
      </Suspense>
    </div>
  );
}
