import { Empty, Grid, Spin } from 'antd';
import { Card } from './Card.tsx';
import type { CSSProperties, Key, ReactNode } from 'react';
import { brand } from '../theme.ts';
import { Table, type TableProps } from './Table.tsx';

/** A figure that must never break across lines ("100", "¥1,234.00"): tabular digits, no wrapping. */
export const nowrap: CSSProperties = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' };

/** A record as a card on a phone: what it is (a link, a name) on top, its figures as label/value rows. */
export interface RecordCard {
  title: ReactNode;
  /** Beside the title (a status tag). */
  extra?: ReactNode;
  fields: { label: ReactNode; value: ReactNode; key?: Key }[];
  /** Under the figures (a button). */
  footer?: ReactNode;
}

/** Label left, value right on one line each: amounts and quantities stay whole and aligned. */
export function CardFields({ fields }: { fields: RecordCard['fields'] }) {
  return (
    <dl style={{ margin: 0 }}>
      {fields.map((f, i) => (
        <div
          key={f.key ?? i}
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'baseline',
            gap: 12,
            padding: '4px 0',
          }}
        >
          <dt style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{f.label}</dt>
          <dd style={{ margin: 0, textAlign: 'right', minWidth: 0, ...nowrap }}>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A list that is a table on a wide screen and a column of cards under 576 px, where a wide table
 * would squeeze names to one character per line or scroll sideways. Both carry the same test id.
 */
export function CardTable<T extends object>({
  card,
  testId,
  emptyText,
  pickLabel,
  ...table
}: Omit<TableProps<T>, 'locale'> & {
  card: (row: T, index: number) => RecordCard;
  testId: string;
  emptyText?: ReactNode;
  /** With row selection: what a card's checkbox is called (its record's number). */
  pickLabel?: (row: T) => string;
}) {
  const screens = Grid.useBreakpoint();
  const rows = (table.dataSource ?? []) as readonly T[];
  if (screens.sm !== false) return <Table<T> {...table} locale={{ emptyText }} data-testid={testId} />;
  const keyOf = (row: T, i: number): Key =>
    typeof table.rowKey === 'function'
      ? table.rowKey(row, i)
      : ((row as Record<string, Key>)[(table.rowKey as string) ?? 'key'] ?? i);
  const loading = table.loading;
  return (
    <Spin spinning={Boolean(loading)}>
      <div data-testid={testId} style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
        {rows.length === 0 && !loading && (emptyText ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />)}
        {rows.map((row, i) => {
          const c = card(row, i);
          // Rows a table lets the reader pick (a bulk action) are picked by a checkbox on the card.
          const selection = table.rowSelection;
          const key = keyOf(row, i);
          const picked = Boolean(selection?.selectedRowKeys?.includes(key));
          const pick = selection && (
            <input
              type="checkbox"
              checked={picked}
              aria-label={pickLabel?.(row) ?? String(key)}
              style={{ width: 20, height: 20, margin: '0 8px 0 0', verticalAlign: 'middle', accentColor: brand }}
              data-testid={`${testId}-pick`}
              onChange={(e) => {
                const current = (selection.selectedRowKeys ?? []) as Key[];
                const keys = e.target.checked ? [...current, key] : current.filter((k) => k !== key);
                selection.onChange?.(
                  keys,
                  rows.filter((r, j) => keys.includes(keyOf(r, j))),
                );
              }}
            />
          );
          return (
            <Card
              key={key}
              size="small"
              data-testid={`${testId}-card`}
              title={
                <div style={{ whiteSpace: 'normal', wordBreak: 'normal', overflowWrap: 'anywhere' }}>
                  {pick}
                  {c.title}
                </div>
              }
              extra={c.extra}
              styles={{ header: { minHeight: 48 } }}
            >
              <CardFields fields={c.fields} />
              {c.footer && <div style={{ marginTop: 8 }}>{c.footer}</div>}
            </Card>
          );
        })}
      </div>
    </Spin>
  );
}
