import { Alert, Button, Form, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { call, session } from '../../api.ts';
import { errorMessage } from '../../errors.ts';
import { AuthCard } from './AuthCard.tsx';

export function NewPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const state = useLocation().state as { email?: string; session?: string; from?: string } | null;
  const complete = useMutation({
    mutationFn: (values: { newPassword: string }) =>
      call('completeNewPassword', {
        body: { email: state!.email!, session: state!.session!, newPassword: values.newPassword },
      }),
    onSuccess: (tokens) => {
      session.set(tokens);
      queryClient.clear();
      navigate(state?.from?.startsWith('/') ? state.from : '/', { replace: true });
    },
  });
  if (!state?.email || !state.session) return <Navigate to="/login" replace />;
  return (
    <AuthCard title={t('auth.newPassword')}>
      <Typography.Paragraph>{t('auth.newPasswordHint')}</Typography.Paragraph>
      {complete.error && (
        <Alert type="error" showIcon title={errorMessage(t, complete.error)} style={{ marginBottom: 16 }} />
      )}
      <Form layout="vertical" onFinish={(v) => complete.mutate(v)} requiredMark={false}>
        <Form.Item
          name="newPassword"
          label={t('auth.password')}
          extra={t('auth.passwordRule')}
          rules={[
            { required: true, pattern: /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{8,}$/, message: t('auth.passwordRule') },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={complete.isPending} data-testid="new-password-submit">
          {t('auth.submitNewPassword')}
        </Button>
      </Form>
    </AuthCard>
  );
}
