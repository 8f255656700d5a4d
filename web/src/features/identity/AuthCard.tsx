import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';

export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#fafafa',
        padding: 16,
      }}
    >
      <Card
        style={{ width: '100%', maxWidth: 420 }}
        extra={<LanguageSwitch />}
        title={<span style={{ color: '#d46b08', fontWeight: 700 }}>{t('app.name')}</span>}
      >
        <Typography.Title level={4}>{title}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        {children}
      </Card>
    </div>
  );
}
