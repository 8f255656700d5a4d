import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Department } from '#shared/api/tenants.ts';
import { call, type Output } from '../api.ts';
import { useAuth, useSettings } from '../auth.tsx';
import { readAll } from '../kit/useCursorList.ts';

type User = Output<'getUser'>;
export type DataScope = 'own' | 'department' | 'all';

/**
 * The company's people, as far as the caller may list them (owners and admins see everyone; others
 * know themselves): names for owners and reps, the choices of owner and rep pickers.
 */
export function usePeople() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const canList = can('listUsers');
  const users = useQuery({
    queryKey: ['users', 'all'],
    queryFn: () => readAll((cursor) => call('listUsers', { query: { cursor, limit: 100 } })),
    enabled: canList,
    staleTime: 60_000,
  });
  const list: User[] = users.data ?? (me ? [me.user] : []);
  const byId = new Map(list.map((u) => [u.id, u]));
  /** A person's name: theirs, "me", the pool (公海) for no one, or "a colleague" when the caller may not list people. */
  const nameOf = (id: string | null | undefined, known?: Map<string, string>) => {
    if (!id) return t('team.pool');
    const u = byId.get(id);
    if (u) return `${u.name ?? u.email}${u.id === me?.user.id ? t('users.you') : ''}`;
    return known?.get(id) ?? t('team.colleague');
  };
  return { users: list, canList, loading: users.isLoading, nameOf, me: me?.user };
}

/** The company's departments (every role may read them), parents before children. */
export function useDepartments() {
  const { me } = useAuth();
  const { data, isLoading } = useQuery({
    queryKey: ['departments'],
    queryFn: () => call('listDepartments'),
    enabled: Boolean(me),
    staleTime: 60_000,
  });
  const items = (data?.items ?? []) as Department[];
  const nameOf = (id: string | null | undefined) => items.find((d) => d.id === id)?.name;
  return { items, loading: isLoading, nameOf };
}

/** What the caller sees of customers and orders: the company's setting for their role (the owner always all). */
export function useDataScope(): DataScope {
  const { me } = useAuth();
  const settings = useSettings();
  if (!me || me.role === 'owner') return 'all';
  return (settings?.dataScopes?.[me.role] as DataScope | undefined) ?? 'all';
}
