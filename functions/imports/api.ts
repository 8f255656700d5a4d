import { importsRoutes } from '#shared/api/routes/imports.ts';
import { httpApi } from '#functions/platform/http.ts';
import * as imports from './service.ts';

export const handler = httpApi(importsRoutes, {
  createImport: ({ tenant, body }) => imports.createImport(tenant, body),
  previewImport: ({ tenant, body }) => imports.previewImport(tenant, body),
  listImports: ({ tenant, query }) => imports.listImports(tenant, query.limit, query.cursor),
  getImport: ({ tenant, params }) => imports.getImport(tenant, params.id),
});
