import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useDepartments, usePeople } from './people.tsx';

/**
 * Picks one of the company's people (owners and admins may list them). A module of its own: the pages
 * that only read people's names (people.tsx) do not load antd's Select for it.
 */
export function UserSelect({
  value,
  onChange,
  testId,
  placeholder,
  allowClear = true,
  id,
  ariaLabel,
  style,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  testId?: string;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  ariaLabel?: string;
  style?: CSSProperties;
}) {
  const people = usePeople();
  const departments = useDepartments();
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      value={value ?? undefined}
      onChange={(v) => onChange?.((v as string | undefined) ?? null)}
      loading={people.loading}
      placeholder={placeholder}
      data-testid={testId}
      style={style ?? { width: '100%' }}
      options={people.users.map((u) => {
        const dept = departments.nameOf(u.departmentId);
        return { value: u.id, label: `${u.name ?? u.email}${dept ? ` · ${dept}` : ''}` };
      })}
    />
  );
}
