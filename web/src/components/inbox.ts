import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useLocation } from 'react-router';
import { call } from '../api.ts';
import { useAuth } from '../auth.tsx';

/**
 * The unread count of the caller's inbox (the bell's badge): read every 30 s and whenever the person
 * moves to another page, so what reached them shows without a reload.
 */
export function useUnreadCount() {
  const { me } = useAuth();
  const location = useLocation();
  const unread = useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: async () => (await call('listNotifications', { query: { unread: 'true', limit: 1 } })).unreadCount,
    enabled: Boolean(me),
    refetchInterval: 30_000,
    staleTime: 0,
  });
  const { refetch } = unread;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page is the moment to look again.
  useEffect(() => {
    if (me) void refetch();
  }, [location.pathname, me, refetch]);
  return unread.data ?? 0;
}
