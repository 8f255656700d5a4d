import { useState } from 'react';
import { Button, Empty, Input, Segmented, Select, Space, Tag, Typography } from 'antd';
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
import { CardTable } from '../../kit/CardTable.tsx';
import { usePeople } from '../../components/people.tsx';
import { UserSelect } from '../../components/UserSelect.tsx';
import { OwnershipButton } from './ownership.tsx';
import { CustomFieldFilters, cfQuery, useCustomFields } from '../../kit/CustomFields.tsx';

type Customer = Output<'getCustomer'>;
/** Whose customers: everyone's the caller may see, their own, or the shared pool (公海, nobody's). */
type Whose = 'all' | 'mine' | 'pool';

export function CustomersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, can } = useAuth();
  const people = usePeople();
  const [whose, setWhose] = useState<Whose>('all');
  const [filters, setFilters] = useState<{
    q?: string;
    sort?: 'newest' | 'name';
    stage?: (typeof customerStages)[number];
    tier?: string;
    tag?: string;
    ownerId?: string;
  }>({});
  const [cfFilters, setCfFilters] = useState<Record<string, string>>({});
  const cf = useCustomFields('customer');
  // A search answers best match first; the order is a choice only without one.
  const query = {
    ...filters,
    ...cfQuery(cfFilters),
    sort: filters.q ? undefined : filters.sort,
    ownerId: whose === 'mine' ? me?.user.id : whose === 'pool' ? undefined : filters.ownerId,
  };
  const list = useCursorList(['customers', query, whose], async (cursor) => {
    // The list has no "nobody's" filter: the pool is read page by page and kept to the unowned.
    if (whose !== 'pool') return call('listCustomers', { query: { ...query, cursor, limit: 20 } });
    const page = await call('listCustomers', { query: { ...query, cursor, limit: 100 } });
    return { ...page, items: page.items.filter((c) => !c.ownerId) };
  });
  const { data, isFetching, error } = list;
  const change = (next: typeof filters) => {
    setFilters((current) => ({ ...current, ...next }));
  };
  const empty = (
    <Empty
      description={
        filters.q
          ? t('common.noMatch', { q: filters.q })
          : whose === 'pool'
            ? t('team.poolEmpty')
            : t('customers.empty')
      }
    />
  );

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
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<Whose>
          value={whose}
          onChange={setWhose}
          options={[
            { value: 'all', label: t('team.whose.all') },
            { value: 'mine', label: t('team.whose.mine') },
            { value: 'pool', label: t('team.whose.pool') },
          ]}
          data-testid="customer-whose"
        />
        {people.canList && whose === 'all' && (
          <UserSelect
            value={filters.ownerId}
            onChange={(ownerId) => change({ ownerId: ownerId ?? undefined })}
            placeholder={t('customers.owner')}
            ariaLabel={t('customers.owner')}
            testId="customer-owner-filter"
            style={{ width: 180 }}
          />
        )}
      </Space>
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
            aria-label={t('customers.sort')}
            data-testid="customer-sort"
            options={(['newest', 'name'] as const).map((s) => ({ value: s, label: t(`customers.sorts.${s}`) }))}
            onChange={(sort) => change({ sort })}
          />
        )}
        <Select
          allowClear
          placeholder={t('customers.stage')}
          aria-label={t('customers.stage')}
          style={{ width: 140 }}
          value={filters.stage}
          options={customerStages.map((s) => ({ value: s, label: t(`stages.${s}`) }))}
          onChange={(stage) => change({ stage })}
        />
        <Input
          allowClear
          placeholder={t('customers.tier')}
          aria-label={t('customers.tier')}
          style={{ width: 100 }}
          onChange={(e) => change({ tier: e.target.value.trim() || undefined })}
        />
        <Input
          allowClear
          placeholder={t('customers.tags')}
          aria-label={t('customers.tags')}
          style={{ width: 120 }}
          onChange={(e) => change({ tag: e.target.value.trim() || undefined })}
        />
        <CustomFieldFilters entity="customer" value={cfFilters} onChange={setCfFilters} />
      </Space>
      {error && <Typography.Text type="danger">{errorMessage(t, error)}</Typography.Text>}
      <CardTable<Customer>
        rowKey="id"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        testId="customers-table"
        emptyText={empty}
        card={(c) => ({
          title: <Link to={`/customers/${c.id}`}>{c.name}</Link>,
          extra: <Tag>{t(`stages.${c.stage}`)}</Tag>,
          fields: [
            { label: t('customers.owner'), value: people.nameOf(c.ownerId) },
            ...(c.tier ? [{ label: t('customers.tier'), value: c.tier }] : []),
            ...(c.contacts.length
              ? [
                  {
                    label: t('customers.contacts'),
                    value: (() => {
                      const x = c.contacts.find((p) => p.isPrimary) ?? c.contacts[0]!;
                      return [x.name, x.phone].filter(Boolean).join(' ');
                    })(),
                  },
                ]
              : []),
            ...cf.cardFields(c.customFields),
          ],
          footer: !c.ownerId || c.ownerId === me?.user.id ? <OwnershipButton customer={c} /> : undefined,
        })}
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
          {
            title: t('customers.owner'),
            render: (_, c) =>
              c.ownerId ? (
                people.nameOf(c.ownerId)
              ) : (
                <Space size="small" wrap>
                  <Tag>{t('team.pool')}</Tag>
                  <OwnershipButton customer={c} size="small" />
                </Space>
              ),
          },
          ...cf.columns<Customer>(),
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
