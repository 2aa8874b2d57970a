import { createContext, useContext } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Me } from '../../../../contracts/auth.ts';
import type { Permission } from '../../../../contracts/permissions.ts';
import { fetchMe } from '../auth.api.ts';

export const ME_QUERY_KEY = ['auth', 'me'] as const;

/** Loads the session's user; 401 sends the browser to /login (see api/client.ts). */
export function useMeQuery() {
  return useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

export const MeContext = createContext<Me | null>(null);

/** The logged-in user; only valid below the authenticated layout. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() used outside the authenticated layout');
  return me;
}

export function hasPermission(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

export function useCan(permission: Permission): boolean {
  return hasPermission(useMe(), permission);
}
