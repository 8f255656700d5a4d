declare module 'virtual:dingo-routes' {
  import type { OperationId } from '#shared/api/routes.ts';
  export const routeIndex: Record<OperationId, { method: string; path: string; auth: 'public' | 'tenant' }>;
}
