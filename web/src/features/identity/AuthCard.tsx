import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { brand } from '../../theme.ts';
import { PageHeading } from '../../kit/PageHeading.tsx';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';

export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <main
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
        title={<span style={{ color: brand, fontWeight: 700 }}>{t('app.name')}</span>}
      >
        <PageHeading>{title}</PageHeading>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('app.tagline')}
        </Typography.Paragraph>
        {children}
      </Card>
    </main>
  );
}
