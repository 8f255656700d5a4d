declare module 'virtual:dingo-routes' {
  import type { OperationId } from '#shared/api/routes.ts';
  export const routeIndex: Record<OperationId, { method: string; path: string; auth: 'public' | 'tenant' }>;
}

declare module 'virtual:scalar-standalone' {
  const url: string;
  export default url;
}

declare module 'virtual:messages' {
  /** By language, then by bundle (src/message-bundles.ts): loads that bundle's messages. */
  export const messages: Record<'zh-CN' | 'en', Record<string, () => Promise<{ default: Record<string, unknown> }>>>;
}
