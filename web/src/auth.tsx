import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { call, session, whenUnauthorized, type Output } from './api.ts';

type Me = Output<'getMe'>;
interface Auth {
  me: Me | undefined;
  loading: boolean;
  can: (operationId: string) => boolean;
  logout: () => void;
}
const AuthContext = createContext<Auth>({ me: undefined, loading: false, can: () => false, logout: () => undefined });

export function AuthProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const hasSession = Boolean(session.get());
  const { data: me, isLoading } = useQuery({ queryKey: ['me'], queryFn: () => call('getMe'), enabled: hasSession });
  const logout = () => {
    session.clear();
    queryClient.clear();
    navigate('/login');
  };
  useEffect(
    () =>
      whenUnauthorized(() => {
        queryClient.clear();
        navigate('/login');
      }),
    [navigate, queryClient],
  );
  const can = (operationId: string) => Boolean(me?.permissions.includes(operationId));
  return (
    <AuthContext.Provider value={{ me, loading: hasSession && isLoading, can, logout }}>
      {children}
    </AuthContext.Provider>
  );
}

export const useAuth = () => useContext(AuthContext);

/**
 * The company's base currency: what prices, price lists and approval thresholds are entered in.
 * Pages never assume CNY; they read this (or the document's own currency) and its digits.
 */
export function useBaseCurrency(): string {
  const { me } = useAuth();
  return me?.tenant.baseCurrency ?? 'CNY';
}

/**
 * The company's settings (every role may read them): whether prices are quoted 含税, the default
 * tax rate, the time zone. The settings page writes the same query, so a change shows at once.
 */
export function useSettings() {
  const { me } = useAuth();
  return useQuery({ queryKey: ['settings'], queryFn: () => call('getSettings'), enabled: Boolean(me) }).data;
}
