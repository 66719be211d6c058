import type { ErrorKey } from '../../../common/src/i18n/errors.js';

export interface FieldError {
  key: ErrorKey;
  params?: Record<string, string | number>;
}

/** An error the client should see: HTTP status, catalog key (= response code) and parameters. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly key: ErrorKey,
    readonly params?: Record<string, string | number>,
    readonly fields?: Record<string, FieldError>,
  ) {
    super(key);
  }
}

export const notFound = () => new AppError(404, 'notFound');
export const forbidden = () => new AppError(403, 'auth.forbidden');
export const conflict = (key: ErrorKey, params?: Record<string, string | number>) => new AppError(409, key, params);
export const badRequest = (key: ErrorKey, params?: Record<string, string | number>) => new AppError(400, key, params);

/** A validation error on one field, reported like a schema error. */
export const fieldError = (field: string, key: ErrorKey, params?: Record<string, string | number>) =>
  new AppError(400, 'validation', undefined, { [field]: { key, params } });
