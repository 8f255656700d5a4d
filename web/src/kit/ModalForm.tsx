import { Alert, App, Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, showFieldErrors } from '../errors.ts';

/**
 * A form in a dialog that saves through the API: the mutation, a 400's field errors on their
 * fields, any other refusal in words above the form, the lists to refresh, a success message.
 * The form starts afresh each time it opens (`destroyOnHidden`, and its values cleared with it).
 */
export function ModalForm<V extends object, R = unknown>({
  open,
  title,
  okText,
  initialValues,
  submit,
  refresh = [],
  successMessage,
  onDone,
  onClose,
  width,
  loading = false,
  children,
}: {
  open: boolean;
  title: ReactNode;
  okText?: string;
  initialValues?: Partial<V>;
  submit: (values: V) => Promise<R>;
  /** Query keys to invalidate once saved. */
  refresh?: readonly (readonly unknown[])[];
  successMessage?: string;
  onDone?: (result: R) => void;
  onClose: () => void;
  width?: number;
  /** Data the form starts from is still loading: the form is mounted (with its initial values) once it is there. */
  loading?: boolean;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<V>();
  const save = useMutation({
    mutationFn: submit,
    onSuccess: (result) => {
      for (const queryKey of refresh) void queryClient.invalidateQueries({ queryKey: [...queryKey] });
      if (successMessage) message.success(successMessage);
      onDone?.(result);
      onClose();
    },
    onError: (error) => showFieldErrors(form, error),
  });
  return (
    <Modal
      open={open}
      width={width}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      loading={loading}
      okButtonProps={{ disabled: loading }}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      afterOpenChange={(visible) => !visible && save.reset()}
    >
      {save.error && <Alert type="error" showIcon title={errorMessage(t, save.error)} style={{ marginBottom: 16 }} />}
      {/* The form instance outlives the dialog's content: emptied when it goes, so the next opening starts from its own initial values. */}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={initialValues} clearOnDestroy>
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
