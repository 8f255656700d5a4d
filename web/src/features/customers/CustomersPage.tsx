import { useState } from 'react';
import { Button, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { customerStages } from '#shared/api/enums.ts';
import { call, type Output } from '../../api.ts';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { useAuth } from '../../auth.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDate } from '../../format.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { SearchBox } from '../../kit/SearchBox.tsx';

type Customer = Output<'getCustomer'>;

export function CustomersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAuth();
  const [filters, setFilters] = useState<{
    q?: string;
    sort?: 'newest' | 'name';
    stage?: (typeof customerStages)[number];
    tier?: string;
    tag?: string;
  }>({});
  // A search answers best match first; the order is a choice only without one.
  const query = { ...filters, sort: filters.q ? undefined : filters.sort };
  const list = useCursorList(['customers', query], (cursor) =>
    call('listCustomers', { query: { ...query, cursor, limit: 20 } }),
  );
  const { data, isFetching, error } = list;
  const change = (next: typeof filters) => {
    setFilters((current) => ({ ...current, ...next }));
  };

  return (
    <PageCard
      title={t('customers.title')}
      extra={
        can('createCustomer') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/customers/new')}
            data-testid="new-customer"
          >
            {t('customers.new')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <SearchBox
          placeholder={t('customers.searchPlaceholder')}
          maxLength={120}
          testId="customer-search"
          onSearch={(q) => change({ q })}
        />
        {!filters.q && (
          <Select
            value={filters.sort ?? 'newest'}
            style={{ width: 140 }}
            data-testid="customer-sort"
            options={(['newest', 'name'] as const).map((s) => ({ value: s, label: t(`customers.sorts.${s}`) }))}
            onChange={(sort) => change({ sort })}
          />
        )}
        <Select
          allowClear
          placeholder={t('customers.stage')}
          style={{ width: 140 }}
          value={filters.stage}
          options={customerStages.map((s) => ({ value: s, label: t(`stages.${s}`) }))}
          onChange={(stage) => change({ stage })}
        />
        <Input
          allowClear
          placeholder={t('customers.tier')}
          style={{ width: 100 }}
          onChange={(e) => change({ tier: e.target.value.trim() || undefined })}
        />
        <Input
          allowClear
          placeholder={t('customers.tags')}
          style={{ width: 120 }}
          onChange={(e) => change({ tag: e.target.value.trim() || undefined })}
        />
      </Space>
      {error && <Typography.Text type="danger">{errorMessage(t, error)}</Typography.Text>}
      <Table<Customer>
        rowKey="id"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="customers-table"
        locale={{
          emptyText: <Empty description={filters.q ? t('common.noMatch', { q: filters.q }) : t('customers.empty')} />,
        }}
        columns={[
          {
            title: t('customers.name'),
            dataIndex: 'name',
            render: (name: string, c) => <Link to={`/customers/${c.id}`}>{name}</Link>,
          },
          {
            title: t('customers.stage'),
            dataIndex: 'stage',
            render: (s: Customer['stage']) => <Tag>{t(`stages.${s}`)}</Tag>,
          },
          { title: t('customers.tier'), dataIndex: 'tier', responsive: ['sm'], render: (v) => v ?? t('common.none') },
          {
            title: t('customers.tags'),
            dataIndex: 'tags',
            responsive: ['md'],
            render: (tags: string[]) =>
              tags.map((tag) => (
                <Tag key={tag} color="orange">
                  {tag}
                </Tag>
              )),
          },
          {
            title: t('customers.contacts'),
            responsive: ['lg'],
            render: (_, c) => c.contacts.find((x) => x.isPrimary)?.name ?? t('common.none'),
          },
          {
            title: t('common.createdAt'),
            dataIndex: 'createdAt',
            responsive: ['lg'],
            render: (v: string) => formatDate(v),
          },
        ]}
      />
      <Pager {...list.pager} />
    </PageCard>
  );
}
