import { Grid, theme } from 'antd';
import type { Key, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * What happened, oldest or newest first as given: a dot per entry on a line, as antd's Timeline
 * shows it (which since antd 6 loads its Steps as well). `color` marks an entry (an exception red).
 */
export function Timeline({
  items,
  'data-testid': testId,
}: {
  items: { key: Key; children: ReactNode; color?: 'blue' | 'red' | 'green' | 'gray' }[];
  'data-testid'?: string;
}) {
  const { token } = theme.useToken();
  const colors = {
    blue: token.colorPrimary,
    red: token.colorError,
    green: token.colorSuccess,
    gray: token.colorTextDisabled,
  };
  return (
    <ol data-testid={testId} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item, i) => (
        <li
          key={item.key}
          style={{ position: 'relative', paddingInlineStart: 26, paddingBottom: i < items.length - 1 ? 20 : 0 }}
        >
          {i < items.length - 1 && (
            <span
              aria-hidden
              style={{
                position: 'absolute',
                insetInlineStart: 4,
                top: 16,
                bottom: 0,
                borderInlineStart: `2px solid ${token.colorSplit}`,
              }}
            />
          )}
          <span
            aria-hidden
            style={{
              position: 'absolute',
              insetInlineStart: 0,
              top: 6,
              width: 10,
              height: 10,
              borderRadius: '50%',
              background: token.colorBgContainer,
              border: `2px solid ${colors[item.color ?? 'blue']}`,
            }}
          />
          {item.children}
        </li>
      ))}
    </ol>
  );
}

/**
 * Where a chain of steps stands (an approval's): those before `current` done, `current` in progress
 * (or refused, with status "error"), the rest to come. Across on a wide screen, down on a phone.
 */
export function Steps({
  items,
  current,
  status,
  'data-testid': testId,
}: {
  items: { title: ReactNode; description?: ReactNode }[];
  current: number;
  status?: 'error';
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const across = Grid.useBreakpoint().sm !== false;
  return (
    <ol
      data-testid={testId}
      style={{
        listStyle: 'none',
        margin: 0,
        padding: 0,
        display: 'flex',
        flexDirection: across ? 'row' : 'column',
        gap: across ? 16 : 12,
      }}
    >
      {items.map((step, i) => {
        const state = i < current ? 'finish' : i === current ? (status === 'error' ? 'error' : 'process') : 'wait';
        const color = {
          finish: token.colorPrimary,
          process: token.colorPrimary,
          error: token.colorError,
          wait: token.colorTextDisabled,
        }[state];
        return (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: the steps of a chain are its positions
            key={i}
            aria-current={i === current ? 'step' : undefined}
            style={{ flex: across ? 1 : undefined, display: 'flex', gap: 8, minWidth: 0 }}
          >
            <span
              style={{
                flex: 'none',
                width: 28,
                height: 28,
                borderRadius: '50%',
                display: 'inline-flex',
                alignItems: 'center',
                justifyContent: 'center',
                fontSize: token.fontSize,
                color: state === 'process' ? token.colorTextLightSolid : color,
                background: state === 'process' ? color : token.colorBgContainer,
                border: `1px solid ${color}`,
              }}
            >
              <span aria-hidden>{state === 'finish' ? '✓' : state === 'error' ? '✕' : i + 1}</span>
              <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)' }}>
                {t(`common.stepStates.${state}`)}
              </span>
            </span>
            <div style={{ minWidth: 0 }}>
              <div
                style={{
                  lineHeight: '28px',
                  color: state === 'wait' ? token.colorTextSecondary : token.colorText,
                  fontWeight: state === 'process' || state === 'error' ? token.fontWeightStrong : undefined,
                }}
              >
                {step.title}
              </div>
              {step.description && <div style={{ color: token.colorTextSecondary }}>{step.description}</div>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
