import { useEffect, useState, type ReactNode, type RefObject } from 'react';
import { Alert, Form } from 'antd';
import type { FormInstance, FormProps } from 'antd';
import { useFormError } from './form-errors.js';

export interface OverlayFormProps<T> {
  /** The form's name: its element id, which the drawer's or modal's submit button points at. */
  name: string;
  initialValues?: FormProps<T>['initialValues'];
  /** Saves; when it throws, the server's field messages go under the fields and the rest above them. */
  onSubmit: (values: T) => Promise<void>;
  /** Shown above the form and its error, e.g. what submitting will do. */
  notice?: ReactNode;
  /** The fields (anything that needs the form reads it with Form.useFormInstance()). */
  children?: ReactNode;
}

/**
 * The body of a form drawer or modal. The overlay mounts it afresh each time it opens, so the form
 * starts from `initialValues` with no stale values or errors. `formRef` lets the overlay ask whether
 * the user has edited it.
 */
export function OverlayForm<T>({
  name,
  initialValues,
  onSubmit,
  notice,
  children,
  formRef,
}: OverlayFormProps<T> & { formRef?: RefObject<FormInstance<T> | null> }) {
  const [form] = Form.useForm<T>();
  const [formError, setFormError] = useState<string | null>(null);
  const formErrorOf = useFormError();

  useEffect(() => {
    if (!formRef) return;
    formRef.current = form;
    return () => {
      formRef.current = null;
    };
  }, [form, formRef]);

  const onFinish = async (values: T) => {
    setFormError(null);
    try {
      await onSubmit(values);
    } catch (err) {
      setFormError(formErrorOf(form, err));
    }
  };

  return (
    <>
      {notice}
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form<T> form={form} name={name} layout="vertical" initialValues={initialValues} onFinish={onFinish}>
        {children}
      </Form>
    </>
  );
}
