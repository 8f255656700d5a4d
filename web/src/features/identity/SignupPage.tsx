import { Alert, Button, Form, Input } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { call, session } from '../../api.ts';
import { errorMessage, showFieldErrors } from '../../errors.ts';
import { AuthCard } from './AuthCard.tsx';

export function SignupPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signup = useMutation({
    mutationFn: (values: { companyName: string; adminName?: string; adminEmail: string; adminPassword: string }) =>
      call('signup', { body: { ...values, locale: i18n.language === 'en' ? 'en' : 'zh-CN' } }),
    onSuccess: (result) => {
      session.set(result.tokens);
      queryClient.clear();
      navigate('/');
    },
    onError: (error) => showFieldErrors(form, error),
  });
  return (
    <AuthCard title={t('auth.signupTitle')}>
      {signup.error && (
        <Alert type="error" showIcon title={errorMessage(t, signup.error)} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => signup.mutate(v)} requiredMark={false}>
        <Form.Item
          name="companyName"
          label={t('auth.companyName')}
          rules={[{ required: true, message: t('errors.required') }]}
        >
          <Input data-testid="signup-company" />
        </Form.Item>
        <Form.Item name="adminName" label={t('auth.adminName')}>
          <Input data-testid="signup-name" />
        </Form.Item>
        <Form.Item
          name="adminEmail"
          label={t('auth.email')}
          rules={[{ required: true, type: 'email', message: t('errors.required') }]}
        >
          <Input autoComplete="username" data-testid="signup-email" />
        </Form.Item>
        <Form.Item
          name="adminPassword"
          label={t('auth.password')}
          extra={t('auth.passwordRule')}
          rules={[
            { required: true, pattern: /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{8,}$/, message: t('auth.passwordRule') },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="signup-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={signup.isPending} data-testid="signup-submit">
          {t('auth.signup')}
        </Button>
      </Form>
      <div style={{ marginTop: 16 }}>
        <Link to="/login">{t('auth.haveAccount')}</Link>
      </div>
    </AuthCard>
  );
}
