import type { FormRule } from 'antd';
import { passwordMeetsPolicy } from '../../../common/src/validation/password.js';

// Validation rules several forms share. Each leaves an empty value to the field's `required` rule,
// so the user sees one message at a time.

/** The staff password policy (common/src/validation/password.ts). */
export function passwordPolicyRule(message: string): FormRule {
  return {
    validator: (_, value: string | undefined) =>
      !value || passwordMeetsPolicy(value) ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}

/** The same value as another field, e.g. "confirm password" (list that field in `dependencies`). */
export function sameAsRule(field: string, message: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: (_, value: string | undefined) =>
      !value || value === getFieldValue(field) ? Promise.resolve() : Promise.reject(new Error(message)),
  });
}
