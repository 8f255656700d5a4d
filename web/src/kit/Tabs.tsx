import { theme } from 'antd';
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem {
  key: string;
  label: ReactNode;
  children?: ReactNode;
  /** Rendered (hidden) before it is first shown: its form fields exist whichever tab is open. */
  forceRender?: boolean;
}

/**
 * Tabs as antd's line tabs look (a bar with the open tab underlined), without antd's Tabs (its
 * overflow menu and animations). A tab list for assistive technology, arrow keys move between tabs;
 * a bar wider than a phone scrolls sideways. A panel, once shown, stays mounted (hidden) as antd's did.
 */
export function Tabs({
  items,
  activeKey,
  onChange,
  'data-testid': testId,
}: {
  items: TabItem[];
  activeKey?: string;
  onChange?: (key: string) => void;
  'data-testid'?: string;
}) {
  const { token } = theme.useToken();
  const id = useId();
  const [own, setOwn] = useState(items[0]?.key);
  const active = activeKey ?? own;
  const [seen, setSeen] = useState<ReadonlySet<string | undefined>>(new Set([active]));
  if (!seen.has(active)) setSeen(new Set([...seen, active]));
  const open = (key: string) => {
    setOwn(key);
    onChange?.(key);
  };
  const keys = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -index, End: items.length - 1 - index }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const next = items[(index + step + items.length) % items.length]!;
    open(next.key);
    document.getElementById(`${id}-tab-${next.key}`)?.focus();
  };
  const panels = items.some((item) => item.children !== undefined);
  return (
    <div data-testid={testId}>
      <div
        role="tablist"
        style={{
          display: 'flex',
          gap: token.marginXL,
          overflowX: 'auto',
          marginBottom: token.margin,
          borderBottom: `${token.lineWidth}px solid ${token.colorBorderSecondary}`,
        }}
      >
        {items.map((item, index) => {
          const selected = item.key === active;
          return (
            <button
              key={item.key}
              id={`${id}-tab-${item.key}`}
              type="button"
              role="tab"
              aria-selected={selected}
              aria-controls={panels ? `${id}-panel-${item.key}` : undefined}
              tabIndex={selected ? 0 : -1}
              onClick={() => open(item.key)}
              onKeyDown={(e) => keys(e, index)}
              style={{
                flex: 'none',
                padding: `${token.paddingSM}px 0`,
                marginBottom: -token.lineWidth,
                border: 0,
                borderBottom: `2px solid ${selected ? token.colorPrimary : 'transparent'}`,
                background: 'none',
                color: selected ? token.colorPrimary : token.colorText,
                font: 'inherit',
                fontSize: token.fontSize,
                cursor: 'pointer',
                whiteSpace: 'nowrap',
              }}
            >
              {item.label}
            </button>
          );
        })}
      </div>
      {items.map(
        (item) =>
          item.children !== undefined &&
          (item.forceRender || seen.has(item.key)) && (
            <div
              key={item.key}
              id={`${id}-panel-${item.key}`}
              role="tabpanel"
              aria-labelledby={`${id}-tab-${item.key}`}
              hidden={item.key !== active}
            >
              {item.children}
            </div>
          ),
      )}
    </div>
  );
}
