import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a test run leaves for people to read (CI keeps the folder): failure screenshots, the server log. */
export const artifacts = fileURLToPath(new URL('../../.test-artifacts', import.meta.url));
export const serverLog = join(artifacts, 'server.log');
