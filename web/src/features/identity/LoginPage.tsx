import { Alert, Button, Form, Input } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { call, session } from '../../api.ts';
import { errorMessage } from '../../errors.ts';
import { AuthCard } from './AuthCard.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Where the person was going (a link from a notification or a mail) before being asked to log in.
  const state = useLocation().state as { from?: string; email?: string; reset?: boolean } | null;
  const from = state?.from?.startsWith('/') ? state.from : '/';
  const login = useMutation({
    mutationFn: (values: { email: string; password: string }) => call('login', { body: values }),
    onSuccess: (result, values) => {
      if ('challenge' in result) {
        navigate('/new-password', { state: { email: values.email, session: result.session, from } });
        return;
      }
      session.set(result);
      queryClient.clear();
      navigate(from, { replace: true });
    },
  });
  return (
    <AuthCard title={t('auth.loginTitle')}>
      {login.error && <Alert type="error" showIcon title={errorMessage(t, login.error)} style={{ marginBottom: 16 }} />}
      {state?.reset && (
        <Alert
          type="success"
          showIcon
          title={t('auth.resetDone')}
          style={{ marginBottom: 16 }}
          data-testid="reset-done"
        />
      )}
      <Form
        layout="vertical"
        onFinish={(v) => login.mutate(v)}
        requiredMark={false}
        initialValues={{ email: state?.email }}
      >
        <Form.Item
          name="email"
          label={t('auth.email')}
          rules={[{ required: true, type: 'email', message: t('errors.required') }]}
        >
          <Input autoComplete="username" data-testid="login-email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('errors.required') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t('auth.login')}
        </Button>
      </Form>
      <div style={{ marginTop: 16, display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Link to="/forgot-password" data-testid="forgot-password">
          {t('auth.forgotPassword')}
        </Link>
        <Link to="/signup">{t('auth.noAccount')}</Link>
      </div>
    </AuthCard>
  );
}
