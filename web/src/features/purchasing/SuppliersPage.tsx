import { useState } from 'react';
import { Button, Empty, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { call, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { errorMessage } from '../../errors.ts';
import { CardTable } from '../../kit/CardTable.tsx';
import { PageCard } from '../../kit/PageCard.tsx';
import { Pager } from '../../kit/Pager.tsx';
import { SearchBox } from '../../kit/SearchBox.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { CustomFieldFilters, cfQuery, useCustomFields } from '../../kit/CustomFields.tsx';

type Supplier = Output<'getSupplier'>;

/** The supplier's main contact as one line: name and phone. */
export const contactLine = (s: Supplier) => {
  const c = s.contacts.find((x) => x.isPrimary) ?? s.contacts[0];
  return c ? [c.name, c.phone].filter(Boolean).map(String).join(' ') : null;
};

/** 供应商: newest first, or found by name, pinyin or phone. */
export function SuppliersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAuth();
  const [q, setQ] = useState<string>();
  const [filters, setFilters] = useState<Record<string, string>>({});
  const cf = useCustomFields('supplier');
  const list = useCursorList(['suppliers', q, filters], (cursor) =>
    call('listSuppliers', { query: { q, cursor, limit: 20, ...cfQuery(filters) } }),
  );
  const none = t('common.none');
  return (
    <PageCard
      title={t('purchasing.suppliers')}
      extra={
        can('createSupplier') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/suppliers/new')}
            data-testid="new-supplier"
          >
            {t('purchasing.newSupplier')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <SearchBox
          placeholder={t('purchasing.searchSuppliers')}
          maxLength={120}
          testId="supplier-search"
          onSearch={setQ}
        />
        <CustomFieldFilters entity="supplier" value={filters} onChange={setFilters} />
      </Space>
      {list.error && <Typography.Text type="danger">{errorMessage(t, list.error)}</Typography.Text>}
      <CardTable<Supplier>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: true }}
        testId="suppliers-table"
        emptyText={<Empty description={q ? t('common.noMatch', { q }) : t('purchasing.noSuppliers')} />}
        card={(s) => ({
          title: <Link to={`/suppliers/${s.id}`}>{s.name}</Link>,
          extra: s.archivedAt ? <Tag>{t('purchasing.archived')}</Tag> : undefined,
          fields: [
            { label: t('purchasing.primaryContact'), value: contactLine(s) ?? none },
            { label: t('purchasing.paymentTermsDays'), value: s.paymentTermsDays },
            { label: t('purchasing.productCount'), value: s.products.length },
            ...cf.cardFields(s.customFields),
          ],
        })}
        columns={[
          {
            title: t('purchasing.supplierName'),
            render: (_, s) => (
              <Space size={4} wrap>
                <Link to={`/suppliers/${s.id}`}>{s.name}</Link>
                {s.archivedAt && <Tag>{t('purchasing.archived')}</Tag>}
              </Space>
            ),
          },
          { title: t('purchasing.primaryContact'), render: (_, s) => contactLine(s) ?? none, responsive: ['md'] },
          ...cf.columns<Supplier>(),
          { title: t('purchasing.paymentTermsDays'), dataIndex: 'paymentTermsDays', align: 'right' },
          { title: t('purchasing.currency'), dataIndex: 'currency', responsive: ['md'] },
          { title: t('purchasing.productCount'), render: (_, s) => s.products.length, align: 'right' },
        ]}
      />
      <Pager {...list.pager} />
    </PageCard>
  );
}
