import { useCallback } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { ApiRequestError } from '../lib/api.js';
import { useT } from '../lib/i18n.js';
import { coreMessages } from './core-messages.js';

// Server validation errors come back as `fields: { 'roleIds': '必填', 'items.0.name': '…' }`, already
// translated. These helpers put them under the matching antd Form fields.

type NamePathPart = string | number;

/** 'items.0.name' → ['items', 0, 'name'] (numeric segments become list indexes). */
export function toNamePath(field: string): NamePathPart[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function registeredNames(form: FormInstance): Set<string> {
  const names = new Set<string>();
  form.getFieldsValue({
    filter: (meta) => {
      if (meta) names.add(meta.name.join('.'));
      return false;
    },
  });
  return names;
}

/**
 * Shows each `ApiRequestError.fields` message under its form field. `fieldMap` renames server field
 * paths to form field names when they differ (e.g. `{ newPassword: 'password' }`).
 * Returns the messages that matched no field of the form (as "field: message"), so the caller can
 * show them elsewhere; an empty array when everything was placed or there was nothing to place.
 */
export function applyFieldErrors(
  form: FormInstance,
  error: unknown,
  fieldMap: Record<string, string> = {},
): string[] {
  if (!(error instanceof ApiRequestError)) return [];
  const names = registeredNames(form);
  const unmatched: string[] = [];
  const fields: { name: NamePathPart[]; errors: string[] }[] = [];
  for (const [field, message] of Object.entries(error.fields)) {
    const name = fieldMap[field] ?? field;
    if (names.has(name)) fields.push({ name: toNamePath(name), errors: [message] });
    else unmatched.push(`${field}: ${message}`);
  }
  if (fields.length) form.setFields(fields);
  return unmatched;
}

/** A user-facing text for any error: the server's message, or a network/unknown error text. */
export function useErrorText(): (error: unknown) => string {
  const t = useT(coreMessages);
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiRequestError) return error.message || t('unknownError');
      if (error instanceof TypeError) return t('networkError'); // fetch() network failure
      return t('unknownError');
    },
    [t],
  );
}

/**
 * `const formErrorOf = useFormError();` then in a submit's catch: `setFormError(formErrorOf(form, err))`.
 * Puts the server's field messages under the form's fields and returns the text to show above the
 * form (the server's message, plus field messages that matched no field), or null when every
 * problem sits under a field.
 */
export function useFormError(): (form: FormInstance, err: unknown, fieldMap?: Record<string, string>) => string | null {
  const errorText = useErrorText();
  return useCallback(
    (form: FormInstance, err: unknown, fieldMap?: Record<string, string>) => {
      const unmatched = applyFieldErrors(form, err, fieldMap);
      const fieldCount = err instanceof ApiRequestError ? Object.keys(err.fields).length : 0;
      if (fieldCount > 0 && unmatched.length === 0) return null;
      return unmatched.length ? `${errorText(err)} (${unmatched.join('; ')})` : errorText(err);
    },
    [errorText],
  );
}

/**
 * `const showError = useApiError();` then in a mutation's onError: `showError(err, form)`.
 * Puts field messages under the form fields and shows the server's message as an antd message
 * (with any field messages that matched no field appended). A 401 shows nothing: the app is already
 * on its way to the login page.
 */
export function useApiError(): (error: unknown, form?: FormInstance, fieldMap?: Record<string, string>) => void {
  const { message } = App.useApp();
  const errorText = useErrorText();
  return useCallback(
    (error: unknown, form?: FormInstance, fieldMap?: Record<string, string>) => {
      // 401: the session is gone; the app already sends the user to the login page, which says so.
      if (error instanceof ApiRequestError && error.status === 401) return;
      const unmatched = form
        ? applyFieldErrors(form, error, fieldMap)
        : error instanceof ApiRequestError
          ? Object.entries(error.fields).map(([f, m]) => `${f}: ${m}`)
          : [];
      const text = errorText(error);
      message.error(unmatched.length ? `${text} (${unmatched.join('; ')})` : text);
    },
    [message, errorText],
  );
}
