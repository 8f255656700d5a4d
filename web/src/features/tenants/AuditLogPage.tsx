import { useState, type CSSProperties, type ReactNode } from 'react';
import { Button, Empty, Grid, Select, Space, Tag, Typography } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { auditEntities, type AuditEntity } from '#shared/api/audit.ts';
import { call, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { usePeople } from '../../components/people.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { PageCard } from '../../kit/PageCard.tsx';
import { Pager } from '../../kit/Pager.tsx';
import { readAll, useCursorList } from '../../kit/useCursorList.ts';

type Entry = Output<'listAuditLog'>['items'][number];
type Filter = 'entity' | 'actor' | 'entityId';

/** An id or a value that may be long: it wraps anywhere rather than push the page sideways. */
const wrap: CSSProperties = { whiteSpace: 'normal', overflowWrap: 'anywhere', wordBreak: 'normal' };

/** The operation that made the change, in words; an operation this version does not know by its id. */
export const actionLabel = (t: TFunction, action: string) => t(`audit.actions.${action}`, { defaultValue: action });

/**
 * A member's value as the log keeps it: text as it is, anything else as compact JSON, nothing as a
 * dash; what the server left out (a secret, an image) says so in the reader's words.
 */
export function auditValue(t: TFunction, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('common.none');
  if (typeof value === 'string') {
    if (value === '(hidden)') return t('audit.hidden');
    const dropped = /^\(([\d,]+) characters, not kept\)$/.exec(value);
    if (dropped) return t('audit.notKept', { count: Number(dropped[1]!.replaceAll(',', '')) });
    return value;
  }
  return JSON.stringify(value);
}

/** Read by a screen reader, not shown: says which side of the arrow a value is on. */
const srOnly: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/** Who made the change: the person's or the key's name as it was then (a key marked as one). */
function Actor({ entry: e, nameOf }: { entry: Entry; nameOf: (id: string) => string }) {
  const { t } = useTranslation();
  return (
    <span style={wrap} data-testid="audit-actor">
      {e.actor.name ?? nameOf(e.actor.id)}
      {e.actor.kind === 'api_key' && (
        <Tag style={{ marginInlineStart: 6, marginInlineEnd: 0 }} data-testid="audit-actor-key">
          {t('audit.apiKey')}
        </Tag>
      )}
    </span>
  );
}

/** The members that changed, each as it was → as it became, and the request that changed them. */
export function AuditChanges({ entry: e }: { entry: Entry }) {
  const { t } = useTranslation();
  const before = e.before ?? {};
  const after = e.after ?? {};
  const members = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const value = (v: unknown, testId: string) => (
    <Typography.Text code style={wrap} data-testid={testId}>
      {auditValue(t, v)}
    </Typography.Text>
  );
  return (
    <div data-testid={`audit-changes-${e.id}`} style={{ minWidth: 0 }}>
      <Typography.Text type="secondary">
        {e.before === null ? t('audit.created') : e.after === null ? t('audit.removed') : t('audit.changed')}
      </Typography.Text>
      {members.length === 0 ? (
        <div>{t('audit.noChanges')}</div>
      ) : (
        <dl style={{ margin: '4px 0 0' }}>
          {members.map((m) => (
            <div
              key={m}
              data-testid={`audit-change-${m}`}
              style={{ display: 'flex', flexWrap: 'wrap', gap: '2px 8px', padding: '4px 0', ...wrap }}
            >
              <dt style={{ fontWeight: 600, minWidth: 0, ...wrap }}>{m}</dt>
              <dd style={{ margin: 0, minWidth: 0, ...wrap }}>
                <span style={srOnly}>{t('audit.before')}</span>
                {value(before[m], 'audit-before')}
                <span aria-hidden> → </span>
                <span style={srOnly}>{t('audit.after')}</span>
                {value(after[m], 'audit-after')}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 12, ...wrap }}>
        {t('audit.request', { id: e.requestId })}
        {e.sourceIp ? ` · ${t('audit.sourceIp', { ip: e.sourceIp })}` : ''}
      </Typography.Text>
    </div>
  );
}

/**
 * 操作日志 (owners and admins): who changed the company's settings, people and roles, products and
 * prices, keys, webhooks and channels, when, and each changed member before and after; by kind of
 * record, by who, and by one record (its id followed from a row).
 */
export function AuditLogPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const people = usePeople();
  const phone = Grid.useBreakpoint().sm === false;
  const [params, setParams] = useSearchParams();
  const entityParam = params.get('entity');
  const entity = auditEntities.includes(entityParam as AuditEntity) ? (entityParam as AuditEntity) : undefined;
  const actor = params.get('actor') ?? undefined;
  const entityId = params.get('entityId') ?? undefined;
  const setFilter = (name: Filter, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const [open, setOpen] = useState<string[]>([]);
  const toggle = (id: string) => setOpen((o) => (o.includes(id) ? o.filter((x) => x !== id) : [...o, id]));
  const keys = useQuery({
    queryKey: ['api-keys', 'all'],
    queryFn: () => readAll((cursor) => call('listApiKeys', { query: { cursor, limit: 100 } })),
    enabled: can('listApiKeys'),
    staleTime: 60_000,
  });
  // New filters, first page: the list's cursors belong to the filters they were read with.
  const list = useCursorList(['audit-log', { entity, actor, entityId }], (cursor) =>
    call('listAuditLog', { query: { entity, actor, entityId, cursor, limit: 50 } }),
  );
  const nameOf = (id: string) =>
    people.users.find((u) => u.id === id)?.name ?? keys.data?.find((k) => k.id === id)?.name ?? id;
  const filtered = Boolean(entity || actor || entityId);
  const entityLabel = (e: AuditEntity) => t(`audit.entities.${e}`);
  const details = (e: Entry) => (
    <Button size="small" aria-expanded={open.includes(e.id)} onClick={() => toggle(e.id)} data-testid="audit-details">
      {open.includes(e.id) ? t('audit.hideDetails') : t('audit.details')}
    </Button>
  );
  const recordId = (e: Entry): ReactNode =>
    e.entityId ? (
      <Button
        type="link"
        size="small"
        style={{ padding: 0, height: 'auto', textAlign: 'start', ...wrap }}
        title={t('audit.historyOf')}
        onClick={() => setFilter('entityId', e.entityId!)}
        data-testid="audit-record"
      >
        <Typography.Text code style={wrap}>
          {e.entityId}
        </Typography.Text>
      </Button>
    ) : (
      t('common.none')
    );
  const actorOptions = [
    {
      label: t('audit.people'),
      title: t('audit.people'),
      options: people.users.map((u) => ({ value: u.id, label: u.name ?? u.email })),
    },
    ...(keys.data?.length
      ? [
          {
            label: t('audit.apiKeys'),
            title: t('audit.apiKeys'),
            options: keys.data.map((k) => ({ value: k.id, label: `${k.name} (${k.prefix}…)` })),
          },
        ]
      : []),
  ];
  return (
    <PageCard title={t('audit.title')}>
      <Typography.Paragraph type="secondary">{t('audit.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<AuditEntity>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.entity')}
          aria-label={t('audit.entity')}
          style={{ width: phone ? 170 : 200 }}
          value={entity}
          onChange={(v) => setFilter('entity', v)}
          options={auditEntities.map((e) => ({ value: e, label: entityLabel(e) }))}
          data-testid="audit-entity-filter"
        />
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.actor')}
          aria-label={t('audit.actor')}
          style={{ width: phone ? 170 : 220 }}
          value={actor}
          loading={people.loading || keys.isLoading}
          onChange={(v) => setFilter('actor', v)}
          options={actorOptions}
          data-testid="audit-actor-filter"
        />
        {entityId && (
          <Tag
            closable
            closeIcon={<CloseOutlined aria-label={t('audit.clearRecord')} />}
            onClose={() => setFilter('entityId', undefined)}
            style={{ ...wrap, marginInlineEnd: 0 }}
            data-testid="audit-record-filter"
          >
            {t('audit.recordFilter', { id: entityId })}
          </Tag>
        )}
      </Space>
      {list.error && (
        <Typography.Paragraph type="danger" data-testid="audit-error">
          {errorMessage(t, list.error)}
        </Typography.Paragraph>
      )}
      <CardTable<Entry>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: true }}
        testId="audit-table"
        emptyText={<Empty description={filtered ? t('audit.noMatch') : t('audit.none')} />}
        expandable={{
          expandedRowKeys: open,
          showExpandColumn: false,
          expandedRowRender: (e) => <AuditChanges entry={e} />,
        }}
        card={(e) => ({
          title: actionLabel(t, e.action),
          extra: <Tag style={{ marginInlineEnd: 0 }}>{entityLabel(e.entity)}</Tag>,
          fields: [
            { label: t('audit.at'), value: formatDateTime(e.at) },
            { label: t('audit.actor'), value: <Actor entry={e} nameOf={nameOf} /> },
            { label: t('audit.record'), value: recordId(e) },
          ],
          footer: (
            <>
              {details(e)}
              {open.includes(e.id) && (
                <div style={{ marginTop: 8 }}>
                  <AuditChanges entry={e} />
                </div>
              )}
            </>
          ),
        })}
        columns={[
          { title: t('audit.at'), render: (_, e) => formatDateTime(e.at), onCell: () => ({ style: nowrap }) },
          { title: t('audit.actor'), render: (_, e) => <Actor entry={e} nameOf={nameOf} /> },
          {
            title: t('audit.action'),
            render: (_, e) => <span data-testid="audit-action">{actionLabel(t, e.action)}</span>,
          },
          { title: t('audit.entity'), render: (_, e) => entityLabel(e.entity) },
          { title: t('audit.record'), render: (_, e) => recordId(e), responsive: ['md'] },
          { title: t('audit.details'), render: (_, e) => details(e) },
        ]}
      />
      <Pager {...list.pager} />
    </PageCard>
  );
}
