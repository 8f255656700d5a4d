import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { systemRoutes } from '#shared/api/routes/system.ts';
import { httpApi } from '#functions/platform/http.ts';
import { platformDb } from '#functions/platform/db.ts';
import { env } from '#functions/platform/env.ts';

let document: ReturnType<typeof import('#shared/api/openapi.ts').openApiDocument> | undefined;

export const handler = httpApi(systemRoutes, {
  getHealth: async () => {
    // Ready means the table answers, not only that the process is alive.
    await platformDb().send(new DescribeTableCommand({ TableName: env.tableName }));
    return { status: 'ok' as const, time: new Date().toISOString() };
  },
  getOpenApi: async () => {
    // Loaded on the first ask: the generator reaches every route's schemas, which health checks never need.
    document ??= (await import('#shared/api/openapi.ts')).openApiDocument();
    return document;
  },
});
