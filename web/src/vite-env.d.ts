declare module 'virtual:dingo-routes' {
  import type { OperationId } from '#shared/api/routes.ts';
  export const routeIndex: Record<OperationId, { method: string; path: string; auth: 'public' | 'tenant' }>;
}

declare module 'virtual:scalar-standalone' {
  const url: string;
  export default url;
}
