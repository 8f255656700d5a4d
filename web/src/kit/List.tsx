import { Empty, theme } from 'antd';
import { createContext, useContext, type HTMLAttributes, type ReactNode } from 'react';

const Size = createContext<'default' | 'small'>('default');

/**
 * A short list (a customer's contacts, the steps to get started) as antd's List shows it, one row
 * each with its actions on the right, without antd's List (which brings its pagination and select).
 */
export function List<T>({
  dataSource,
  renderItem,
  locale,
  size = 'default',
}: {
  dataSource: readonly T[];
  renderItem: (item: T, index: number) => ReactNode;
  locale?: { emptyText?: ReactNode };
  size?: 'default' | 'small';
}) {
  const { token } = theme.useToken();
  if (!dataSource.length)
    return (
      <div style={{ padding: token.padding, textAlign: 'center', color: token.colorTextDescription }}>
        {locale?.emptyText ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      </div>
    );
  return (
    <Size.Provider value={size}>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>{dataSource.map(renderItem)}</ul>
    </Size.Provider>
  );
}

function Item({
  actions,
  extra,
  children,
  style,
  ...rest
}: HTMLAttributes<HTMLLIElement> & {
  actions?: ReactNode[];
  extra?: ReactNode;
  'data-testid'?: string;
  'data-done'?: string;
}) {
  const { token } = theme.useToken();
  const small = useContext(Size) === 'small';
  return (
    <li
      {...rest}
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        gap: token.marginSM,
        flexWrap: 'wrap',
        padding: small ? `${token.paddingXS}px 0` : `${token.paddingSM}px 0`,
        borderBlockEnd: `${token.lineWidth}px solid ${token.colorSplit}`,
        ...style,
      }}
    >
      <div style={{ flex: 1, minWidth: 0 }}>{children}</div>
      {extra && <div>{extra}</div>}
      {actions && actions.length > 0 && (
        <div style={{ display: 'flex', gap: token.marginSM, alignItems: 'center' }}>{actions}</div>
      )}
    </li>
  );
}

function Meta({ title, description }: { title?: ReactNode; description?: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <div>
      {title && <div style={{ color: token.colorText, marginBottom: description ? token.marginXXS : 0 }}>{title}</div>}
      {description && <div style={{ color: token.colorTextDescription }}>{description}</div>}
    </div>
  );
}

Item.Meta = Meta;
List.Item = Item;
