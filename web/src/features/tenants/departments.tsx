import { TreeSelect } from 'antd';
import type { Department } from '#shared/api/tenants.ts';
import { useDepartments } from '../../components/people.tsx';

/** The departments as a tree for a TreeSelect (a parent's children under it). */
interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}
export function departmentTree(items: Department[], exclude?: string): TreeNode[] {
  const node = (d: Department): TreeNode => ({
    value: d.id,
    title: d.name,
    children: items.filter((c) => c.parentId === d.id && c.id !== exclude).map(node),
  });
  const ids = new Set(items.map((d) => d.id));
  return items.filter((d) => (!d.parentId || !ids.has(d.parentId)) && d.id !== exclude).map(node);
}

/** Picks a department from the tree. */
export function DepartmentSelect({
  value,
  onChange,
  exclude,
  testId,
  placeholder,
  id,
  ariaLabel,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** A department that may not be chosen (itself, as its own parent), with its sub-departments. */
  exclude?: string;
  testId?: string;
  placeholder?: string;
  id?: string;
  ariaLabel?: string;
}) {
  const departments = useDepartments();
  return (
    <TreeSelect
      id={id}
      aria-label={ariaLabel}
      allowClear
      treeDefaultExpandAll
      value={value ?? undefined}
      onChange={(v) => onChange?.((v as string | undefined) ?? null)}
      treeData={departmentTree(departments.items, exclude)}
      placeholder={placeholder}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}
