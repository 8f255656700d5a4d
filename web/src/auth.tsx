import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { call, session, whenTenantClosed, whenUnauthorized, type ClosedCompany, type Output } from './api.ts';

type Me = Output<'getMe'>;
interface Auth {
  me: Me | undefined;
  loading: boolean;
  can: (operationId: string) => boolean;
  logout: () => void;
  /** The company was closed (a request answered 401 `tenant_closed`, or its owner just closed it): the app shows the closed screen. */
  closed: ClosedCompany | null;
  companyClosed: (closed: ClosedCompany) => void;
}
const AuthContext = createContext<Auth>({
  me: undefined,
  loading: false,
  can: () => false,
  logout: () => undefined,
  closed: null,
  companyClosed: () => undefined,
});

export function AuthProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const hasSession = Boolean(session.get());
  const { data: me, isLoading } = useQuery({ queryKey: ['me'], queryFn: () => call('getMe'), enabled: hasSession });
  const [closed, setClosed] = useState<ClosedCompany | null>(null);
  const logout = () => {
    session.clear();
    queryClient.clear();
    setClosed(null);
    navigate('/login');
  };
  useEffect(
    () =>
      whenUnauthorized(() => {
        queryClient.clear();
        setClosed(null);
        navigate('/login');
      }),
    [navigate, queryClient],
  );
  // The first answer tells the date; later ones (other pages' queries) keep the same.
  useEffect(() => whenTenantClosed((c) => setClosed((was) => (was?.purgeAfter ? was : c))), []);
  // Whoever signs in next (this company restored, or another company's person) starts open.
  useEffect(() => {
    if (me) setClosed(null);
  }, [me]);
  const can = (operationId: string) => Boolean(me?.permissions.includes(operationId));
  return (
    <AuthContext.Provider
      value={{ me, loading: hasSession && isLoading, can, logout, closed, companyClosed: setClosed }}
    >
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
