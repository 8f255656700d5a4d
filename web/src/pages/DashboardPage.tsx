import { Button, Card, Col, Row, Space, Statistic, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { call } from '../api.ts';
import { useAuth } from '../auth.tsx';

export function DashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, can } = useAuth();
  const { data } = useQuery({ queryKey: ['dashboard'], queryFn: () => call('getDashboard') });
  const days = data?.customers.createdByDay ?? [];
  const max = Math.max(1, ...days.map((d) => d.count));
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('dashboard.welcome', { name: me?.user.name ?? me?.user.email })}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}><Card><Statistic title={t('dashboard.createdToday')} value={data?.customers.createdToday ?? 0} /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('dashboard.createdThisMonth')} value={data?.customers.createdThisMonth ?? 0} /></Card></Col>
        <Col xs={24} md={12}>
          <Card title={t('dashboard.quick')}>
            {can('createCustomer') && <Button icon={<PlusOutlined />} onClick={() => navigate('/customers/new')}>{t('customers.new')}</Button>}
          </Card>
        </Col>
      </Row>
      <Card title={t('dashboard.trend')}>
        <div style={{ display: 'flex', alignItems: 'flex-end', gap: 2, height: 120 }} aria-label={t('dashboard.trend')}>
          {days.map((d) => (
            <Tooltip key={d.date} title={`${d.date}: ${d.count}`}>
              <div style={{ flex: 1, background: '#fa8c16', minHeight: 2, height: `${(d.count / max) * 100}%`, borderRadius: 2 }} />
            </Tooltip>
          ))}
        </div>
      </Card>
    </Space>
  );
}
