import { useCallback } from 'react';
import type { FormInstance } from 'antd';
import { ApiRequestError } from '../../lib/api.js';
import { applyFieldErrors, useErrorText } from '../../components/form-errors.js';

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
