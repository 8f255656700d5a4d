import { Button, Empty, Grid, Space, Spin, theme } from 'antd';
import type { Breakpoint } from 'antd';
import {
  Fragment,
  useState,
  type HTMLAttributes,
  type Key,
  type ReactNode,
  type TdHTMLAttributes,
  type ThHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';
import { selectedRow } from '../theme.ts';

/**
 * A column: what antd's Table columns say, as far as the pages use it. `render` gets the record's
 * `dataIndex` field (the record itself without one), the record and its index.
 */
export interface TableColumn<T> {
  title?: ReactNode;
  dataIndex?: string;
  key?: Key;
  // biome-ignore lint/suspicious/noExplicitAny: a field of any type, as each column's render reads it
  render?: (value: any, record: T, index: number) => ReactNode;
  align?: 'left' | 'right' | 'center';
  width?: number | string;
  minWidth?: number;
  /** Stays in view while the table scrolls sideways (the first column only). */
  fixed?: 'left';
  /** Shown from these screen widths up (antd's breakpoints). */
  responsive?: Breakpoint[];
  onCell?: (record: T, index: number) => TdHTMLAttributes<HTMLTableCellElement>;
}

/** Rows the reader picks for a bulk action: a checkbox per row and, unless hidden, one for all of them. */
export interface TableRowSelection<T> {
  selectedRowKeys?: readonly Key[];
  /** Picks on other pages of the list stay picked (else a pick keeps only this page's). */
  preserveSelectedRowKeys?: boolean;
  hideSelectAll?: boolean;
  /** The picked keys and the rows of this page among them. */
  onChange?: (keys: Key[], rows: T[]) => void;
  getCheckboxProps?: (record: T) => { disabled?: boolean; 'aria-label'?: string };
}

export interface TableProps<T> {
  columns: readonly TableColumn<T>[];
  dataSource?: readonly T[];
  rowKey?: string | ((record: T, index?: number) => Key);
  loading?: boolean;
  size?: 'small' | 'middle' | 'large';
  /** `{ x: true }`: the table keeps its columns' widths and scrolls sideways inside its own box. */
  scroll?: { x?: boolean | number | string };
  /**
   * Lists page on the server (kit/Pager); a table pages rows it already has (a report's days, an import's
   * refused rows) only when told a page size.
   */
  pagination?: false | { pageSize: number; hideOnSinglePage?: boolean; showSizeChanger?: false };
  locale?: { emptyText?: ReactNode };
  onRow?: (record: T, index: number) => HTMLAttributes<HTMLTableRowElement> & { 'data-testid'?: string };
  rowSelection?: TableRowSelection<T>;
  /** Rows under the data (totals): Table.Summary.Row and Table.Summary.Cell. */
  summary?: (data: readonly T[]) => ReactNode;
  /**
   * A row's details under it (`expandedRowRender`, opened by a button in a first column unless
   * `showExpandColumn` is false, or by the page through `expandedRowKeys`); without them, records with
   * `children` are a tree, every branch open until the reader closes it.
   */
  expandable?: {
    expandedRowRender?: (record: T, index: number) => ReactNode;
    expandedRowKeys?: readonly Key[];
    showExpandColumn?: boolean;
    defaultExpandAllRows?: boolean;
  };
  'data-testid'?: string;
}

/** The table's look, from the theme's tokens: antd's own table, small or not, hover and picked rows. */
function TableStyle() {
  const { token } = theme.useToken();
  const css = `
.dg-table-box{overflow-x:auto;border-radius:${token.borderRadiusLG}px}
.dg-table{width:100%;border-collapse:separate;border-spacing:0;font-size:${token.fontSize}px;line-height:${token.lineHeight};color:${token.colorText};background:${token.colorBgContainer};text-align:start}
.dg-table-x{width:auto;min-width:100%}
.dg-table th,.dg-table td{padding:${token.padding}px;border-bottom:${token.lineWidth}px solid ${token.colorBorderSecondary};overflow-wrap:break-word}
.dg-table-middle th,.dg-table-middle td{padding:${token.paddingSM}px ${token.paddingXS}px}
.dg-table-small th,.dg-table-small td{padding:${token.paddingXS}px}
.dg-table th{background:${token.colorFillAlter};color:${token.colorTextHeading};font-weight:${token.fontWeightStrong};text-align:start;white-space:nowrap}
.dg-table thead th:first-child{border-start-start-radius:${token.borderRadiusLG}px}
.dg-table thead th:last-child{border-start-end-radius:${token.borderRadiusLG}px}
.dg-table tbody>tr>td{transition:background ${token.motionDurationMid}}
.dg-table tbody>tr:hover>td{background:${token.colorFillAlter}}
.dg-table tbody>tr[data-picked]>td{background:${selectedRow.bg}}
.dg-table tbody>tr[data-picked]:hover>td{background:${selectedRow.hoverBg}}
.dg-table .dg-fixed{position:sticky;inset-inline-start:0;z-index:1}
.dg-table td.dg-fixed{background:${token.colorBgContainer}}
.dg-table .dg-empty{text-align:center;color:${token.colorTextDescription}}
.dg-table tbody>tr>td.dg-empty{background:${token.colorBgContainer}}
.dg-table .dg-expanded>td{background:${token.colorFillAlter}}
.dg-table input[type=checkbox]{width:16px;height:16px;margin:0;accent-color:${token.colorPrimary};cursor:pointer;vertical-align:middle}
.dg-table input[type=checkbox]:disabled{cursor:not-allowed}
.dg-table-toggle{display:inline-flex;align-items:center;justify-content:center;width:17px;height:17px;padding:0;margin-inline-end:8px;vertical-align:-3px;border:${token.lineWidth}px solid ${token.colorBorder};border-radius:${token.borderRadiusSM}px;background:${token.colorBgContainer};color:inherit;font-size:12px;line-height:1;cursor:pointer}
.dg-table-toggle:focus-visible{outline:2px solid ${token.colorPrimary};outline-offset:1px}
`;
  return (
    <style href={`dg-table-${token.colorPrimary}-${token.fontSize}`} precedence="default">
      {css}
    </style>
  );
}

/** The set with `key` added, or taken out if it was in. */
const flip = (set: ReadonlySet<Key>, key: Key) => {
  const next = new Set(set);
  if (!next.delete(key)) next.add(key);
  return next;
};

/** Opens or closes a row's details or a branch of a tree. */
function Toggle({ open, onClick }: { open: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="dg-table-toggle"
      aria-expanded={open}
      aria-label={t(open ? 'common.collapseRow' : 'common.expandRow')}
      onClick={onClick}
    >
      {open ? '−' : '+'}
    </button>
  );
}

type Row<T> = { record: T; key: Key; index: number; depth: number; branch: boolean };

const keyOfRow = <T,>(rowKey: TableProps<T>['rowKey'], record: T, index: number): Key =>
  typeof rowKey === 'function' ? rowKey(record, index) : ((record as Record<string, Key>)[rowKey ?? 'key'] ?? index);

const childrenOf = <T,>(record: T): T[] | undefined => {
  const children = (record as { children?: unknown }).children;
  return Array.isArray(children) && children.length ? (children as T[]) : undefined;
};

const fieldOf = <T,>(record: T, dataIndex: string | undefined) =>
  dataIndex === undefined ? record : (record as Record<string, unknown>)[dataIndex];

/**
 * A table of records for a wide screen (kit/CardTable shows cards on a phone): a semantic `<table>`
 * with column headers, styled as antd's table from the theme's tokens, without the weight of antd's
 * (its virtual scrolling, sorting, filtering and paging: our lists page with kit/Pager).
 */
export function Table<T extends object>({
  columns,
  dataSource = [],
  rowKey,
  loading = false,
  size = 'large',
  scroll,
  pagination,
  locale,
  onRow,
  rowSelection,
  summary,
  expandable,
  'data-testid': testId,
}: TableProps<T>) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [opened, setOpened] = useState<ReadonlySet<Key>>(new Set());
  const [closedBranches, setClosedBranches] = useState<ReadonlySet<Key>>(new Set());
  const [page, setPage] = useState(0);
  const pageSize = pagination ? pagination.pageSize : Number.POSITIVE_INFINITY;
  const pages = Math.max(1, Math.ceil(dataSource.length / pageSize));
  const onPage = Math.min(page, pages - 1);
  const records = pagination ? dataSource.slice(onPage * pageSize, (onPage + 1) * pageSize) : dataSource;
  const shown = columns.filter((c) => !c.responsive || c.responsive.some((b) => screens[b]));
  const details = expandable?.expandedRowRender;
  const expandColumn = Boolean(details) && expandable?.showExpandColumn !== false;
  const isOpen = (key: Key) =>
    expandable?.expandedRowKeys ? expandable.expandedRowKeys.includes(key) : opened.has(key);

  // Records in the order shown: a tree's open branches under their parent, indented.
  const rows: Row<T>[] = [];
  const walk = (records: readonly T[], depth: number) =>
    records.forEach((record, index) => {
      const key = keyOfRow(rowKey, record, index);
      const children = details ? undefined : childrenOf(record);
      rows.push({ record, key, index, depth, branch: Boolean(children) });
      if (children && !closedBranches.has(key)) walk(children, depth + 1);
    });
  walk(records, 0);
  const tree = rows.some((r) => r.branch || r.depth > 0);

  const picked = new Set(rowSelection?.selectedRowKeys ?? []);
  const pickable = rows.filter((r) => !rowSelection?.getCheckboxProps?.(r.record).disabled);
  const pick = (keys: Key[], on: boolean) => {
    if (!rowSelection) return;
    const here = new Set(rows.map((r) => r.key));
    const kept = (rowSelection.selectedRowKeys ?? []).filter(
      (k) => rowSelection.preserveSelectedRowKeys || here.has(k),
    );
    const next = on ? [...new Set([...kept, ...keys])] : kept.filter((k) => !keys.includes(k));
    rowSelection.onChange?.(
      next,
      rows.filter((r) => next.includes(r.key)).map((r) => r.record),
    );
  };
  const allPicked = pickable.length > 0 && pickable.every((r) => picked.has(r.key));
  const somePicked = pickable.some((r) => picked.has(r.key));
  const columnCount = shown.length + (rowSelection ? 1 : 0) + (expandColumn ? 1 : 0);
  const th = (style: ThHTMLAttributes<HTMLTableCellElement>['style']) => ({ scope: 'col' as const, style });

  return (
    <Spin spinning={loading}>
      <TableStyle />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen scrolls in its box, which a keyboard can scroll only once it takes focus */}
      <div className="dg-table-box" tabIndex={0}>
        <table className={`dg-table dg-table-${size}${scroll?.x ? ' dg-table-x' : ''}`} data-testid={testId}>
          <thead>
            <tr>
              {expandColumn && <th {...th({ width: 48 })} aria-label={t('common.expandRow')} />}
              {rowSelection && (
                <th {...th({ width: 48, textAlign: 'center' })}>
                  {!rowSelection.hideSelectAll && (
                    <input
                      type="checkbox"
                      aria-label={t('common.selectAll')}
                      checked={allPicked}
                      disabled={!pickable.length}
                      ref={(box) => {
                        if (box) box.indeterminate = somePicked && !allPicked;
                      }}
                      onChange={(e) =>
                        pick(
                          pickable.map((r) => r.key),
                          e.target.checked,
                        )
                      }
                    />
                  )}
                </th>
              )}
              {shown.map((c, i) => (
                <th
                  key={c.key ?? c.dataIndex ?? i}
                  {...th({ textAlign: c.align, width: c.width, minWidth: c.minWidth })}
                  className={c.fixed ? 'dg-fixed' : undefined}
                >
                  {c.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={columnCount} className="dg-empty">
                  {locale?.emptyText ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
                </td>
              </tr>
            )}
            {rows.map((row) => {
              const { record, key, index } = row;
              const open = details && isOpen(key);
              const checkbox = rowSelection?.getCheckboxProps?.(record);
              const rowProps = onRow?.(record, index);
              return (
                <Fragment key={key}>
                  <tr data-row-key={key} data-picked={rowSelection && picked.has(key) ? '' : undefined} {...rowProps}>
                    {expandColumn && (
                      <td style={{ textAlign: 'center' }}>
                        <Toggle open={Boolean(open)} onClick={() => setOpened((now) => flip(now, key))} />
                      </td>
                    )}
                    {rowSelection && (
                      <td style={{ textAlign: 'center' }}>
                        <input
                          type="checkbox"
                          checked={picked.has(key)}
                          disabled={checkbox?.disabled}
                          aria-label={checkbox?.['aria-label'] ?? t('common.selectRow')}
                          onChange={(e) => pick([key], e.target.checked)}
                        />
                      </td>
                    )}
                    {shown.map((c, i) => {
                      const value = fieldOf(record, c.dataIndex);
                      const own = c.onCell?.(record, index);
                      const branchOpen = !closedBranches.has(key);
                      return (
                        <td
                          key={c.key ?? c.dataIndex ?? i}
                          {...own}
                          className={c.fixed ? 'dg-fixed' : undefined}
                          style={{ textAlign: c.align, ...own?.style }}
                        >
                          {tree && i === 0 && (
                            <span style={{ paddingInlineStart: row.depth * 15 }}>
                              {row.branch ? (
                                <Toggle open={branchOpen} onClick={() => setClosedBranches((now) => flip(now, key))} />
                              ) : (
                                <span style={{ display: 'inline-block', width: 25 }} />
                              )}
                            </span>
                          )}
                          {c.render ? c.render(value, record, index) : (value as ReactNode)}
                        </td>
                      );
                    })}
                  </tr>
                  {open && (
                    <tr className="dg-expanded">
                      <td colSpan={columnCount}>{details(record, index)}</td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
          {summary && <tfoot>{summary(dataSource)}</tfoot>}
        </table>
      </div>
      {pagination && (pages > 1 || !pagination.hideOnSinglePage) && (
        <Space style={{ display: 'flex', justifyContent: 'flex-end', margin: '16px 0' }}>
          <Button size="small" disabled={onPage === 0} onClick={() => setPage(onPage - 1)}>
            {t('common.previous')}
          </Button>
          <span aria-live="polite">{t('common.pageOf', { page: onPage + 1, pages })}</span>
          <Button size="small" disabled={onPage >= pages - 1} onClick={() => setPage(onPage + 1)}>
            {t('common.next')}
          </Button>
        </Space>
      )}
    </Spin>
  );
}

function SummaryRow({ children }: { children?: ReactNode }) {
  return <tr>{children}</tr>;
}

/** A cell of a summary row; `index` is its column's place (antd's prop, kept for the pages' code). */
function SummaryCell({
  children,
  colSpan,
  align,
}: {
  index?: number;
  colSpan?: number;
  align?: 'left' | 'right' | 'center';
  children?: ReactNode;
}) {
  return (
    <td colSpan={colSpan} style={{ textAlign: align }}>
      {children}
    </td>
  );
}

Table.Summary = { Row: SummaryRow, Cell: SummaryCell };
