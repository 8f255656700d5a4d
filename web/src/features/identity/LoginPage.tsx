import { Alert, Button, Form, Input } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { call, session } from '../../api.ts';
import { errorMessage } from '../../errors.ts';
import { AuthCard } from './AuthCard.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const login = useMutation({
    mutationFn: (values: { email: string; password: string }) => call('login', { body: values }),
    onSuccess: (result, values) => {
      if ('challenge' in result) {
        navigate('/new-password', { state: { email: values.email, session: result.session } });
        return;
      }
      session.set(result);
      queryClient.clear();
      navigate('/');
    },
  });
  return (
    <AuthCard title={t('auth.loginTitle')}>
      {login.error && <Alert type="error" showIcon title={errorMessage(t, login.error)} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" onFinish={(v) => login.mutate(v)} requiredMark={false}>
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
      <div style={{ marginTop: 16 }}>
        <Link to="/signup">{t('auth.noAccount')}</Link>
      </div>
    </AuthCard>
  );
}
