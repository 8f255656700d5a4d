import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { call, session } from '../../api.ts';
import { errorMessage, showFieldErrors } from '../../errors.ts';
import { AuthCard } from './AuthCard.tsx';

const passwordRule = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{8,}$/;

/**
 * Forgot password: the account's email gets a code (the answer is the same whether the address has
 * an account or not); the code and a new password set it, and the person is logged in with it.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [email, setEmail] = useState<string>();
  const request = useMutation({
    mutationFn: (v: { email: string }) => call('forgotPassword', { body: { email: v.email.trim() } }),
    onSuccess: (_, v) => setEmail(v.email.trim()),
  });
  const reset = useMutation({
    mutationFn: async (v: { code: string; newPassword: string }) => {
      await call('resetPassword', { body: { email: email!, code: v.code.trim(), newPassword: v.newPassword } });
      return call('login', { body: { email: email!, password: v.newPassword } }).catch(() => undefined);
    },
    onSuccess: (result) => {
      if (result && !('challenge' in result)) {
        session.set(result);
        queryClient.clear();
        navigate('/', { replace: true });
      } else navigate('/login', { state: { email, reset: true } });
    },
    onError: (error) => showFieldErrors(form, error),
  });
  return (
    <AuthCard title={t('auth.forgotTitle')}>
      {!email ? (
        <>
          <Typography.Paragraph>{t('auth.forgotHint')}</Typography.Paragraph>
          {request.error && (
            <Alert type="error" showIcon title={errorMessage(t, request.error)} style={{ marginBottom: 16 }} />
          )}
          <Form layout="vertical" onFinish={(v) => request.mutate(v)} requiredMark={false}>
            <Form.Item
              name="email"
              label={t('auth.email')}
              rules={[{ required: true, type: 'email', message: t('errors.required') }]}
            >
              <Input autoComplete="username" data-testid="forgot-email" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={request.isPending} data-testid="forgot-submit">
              {t('auth.sendCode')}
            </Button>
          </Form>
        </>
      ) : (
        <>
          <Alert
            type="info"
            showIcon
            title={t('auth.codeSent', { email })}
            style={{ marginBottom: 16 }}
            data-testid="code-sent"
          />
          {reset.error && (
            <Alert type="error" showIcon title={errorMessage(t, reset.error)} style={{ marginBottom: 16 }} />
          )}
          <Form form={form} layout="vertical" onFinish={(v) => reset.mutate(v)} requiredMark={false}>
            <Form.Item
              name="code"
              label={t('auth.code')}
              rules={[{ required: true, whitespace: true, message: t('errors.required') }]}
            >
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={12} data-testid="reset-code" />
            </Form.Item>
            <Form.Item
              name="newPassword"
              label={t('auth.newPasswordLabel')}
              extra={t('auth.passwordRule')}
              rules={[{ required: true, pattern: passwordRule, message: t('auth.passwordRule') }]}
            >
              <Input.Password autoComplete="new-password" data-testid="reset-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={reset.isPending} data-testid="reset-submit">
              {t('auth.resetSubmit')}
            </Button>
          </Form>
          <Button type="link" style={{ paddingInline: 0, marginTop: 8 }} onClick={() => setEmail(undefined)}>
            {t('auth.resendCode')}
          </Button>
        </>
      )}
      <div style={{ marginTop: 16 }}>
        <Link to="/login">{t('auth.backToLogin')}</Link>
      </div>
    </AuthCard>
  );
}
