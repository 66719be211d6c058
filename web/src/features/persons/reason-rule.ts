import type { FormRule } from 'antd';

/** A reason for a sensitive action (reveal, unmasked export): at least 2 characters besides spaces. */
export function reasonRule(message: string): FormRule {
  return {
    required: true,
    validator: (_, value: string | undefined) => ((value ?? '').trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(message))),
  };
}
