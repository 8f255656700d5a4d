import { Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';

/** The browser's own format for each kind of field (what `<input type=…>` reads and writes). */
const formats = { date: 'YYYY-MM-DD', 'datetime-local': 'YYYY-MM-DDTHH:mm', month: 'YYYY-MM' } as const;
type Kind = keyof typeof formats;

const text = (d: Dayjs | null | undefined, kind: Kind) => (d?.isValid() ? d.format(formats[kind]) : '');

interface FieldProps {
  id?: string;
  style?: CSSProperties;
  placeholder?: string;
  disabled?: boolean;
  /** Without it, emptying the field is not a change: the day shown stays. */
  allowClear?: boolean;
  'aria-label'?: string;
  'data-testid'?: string;
  /** The first day that can be picked. */
  min?: Dayjs;
}

/**
 * A day (a day and a time with `showTime`, a month with `picker="month"`) in the browser's own date
 * field: the phone's date wheel, the desktop's calendar, typing in the reader's locale. The value is a
 * dayjs in and out, as antd's DatePicker, so forms and their submit code read it unchanged.
 */
export function DateField({
  value,
  onChange,
  showTime,
  picker,
  allowClear = true,
  min,
  ...rest
}: FieldProps & {
  value?: Dayjs | null;
  onChange?: (d: Dayjs | null) => void;
  showTime?: boolean;
  picker?: 'date' | 'month';
}) {
  const kind: Kind = picker === 'month' ? 'month' : showTime ? 'datetime-local' : 'date';
  return (
    <Input
      {...rest}
      type={kind}
      value={text(value, kind)}
      min={min ? text(min, kind) : undefined}
      onChange={(e) => {
        if (e.target.value) onChange?.(dayjs(e.target.value));
        else if (allowClear) onChange?.(null);
      }}
    />
  );
}

type Range = [Dayjs | null, Dayjs | null];

/**
 * Two days, from and to, as antd's RangePicker gives them (`[from, to]`, either null while not picked,
 * null when both are emptied). Each end is a browser date field; the end cannot be before the start.
 */
export function DateRangeField({
  value,
  onChange,
  allowClear = true,
  placeholder,
  style,
  'aria-label': label,
  'data-testid': testId,
}: {
  value?: Range | null;
  onChange?: (range: Range | null) => void;
  allowClear?: boolean;
  /** What each end is called (shown while empty, and read out). */
  placeholder?: [string, string];
  style?: CSSProperties;
  'aria-label'?: string;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const [own, setOwn] = useState<Range | null>(null);
  const range = value !== undefined ? value : own;
  const [from, to] = range ?? [null, null];
  const names = placeholder ?? [t('common.dateFrom'), t('common.dateTo')];
  const change = (next: Range) => {
    const picked: Range | null = next[0] || next[1] ? next : null;
    setOwn(picked);
    onChange?.(picked);
  };
  const end = (which: 0 | 1) => (
    <DateField
      value={which === 0 ? from : to}
      allowClear={allowClear}
      placeholder={names[which]}
      aria-label={label ? `${label}: ${names[which]}` : names[which]}
      min={which === 1 ? (from ?? undefined) : undefined}
      style={{ width: 150 }}
      data-testid={testId && `${testId}-${which === 0 ? 'from' : 'to'}`}
      onChange={(d) => change(which === 0 ? [d, to] : [from, d])}
    />
  );
  return (
    // biome-ignore lint/a11y/useSemanticElements: a pair of fields in a line, not a form section with a legend
    <span
      role="group"
      aria-label={label}
      data-testid={testId}
      style={{ display: 'inline-flex', alignItems: 'center', gap: 8, ...style }}
    >
      {end(0)}
      <span aria-hidden>→</span>
      {end(1)}
    </span>
  );
}
