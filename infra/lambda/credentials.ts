/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (an esbuild alias, see
 * `infra/functions.ts`). In Lambda the function role's credentials are always in the environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN); the SDK's full default chain (SSO,
 * ini files, credential processes, web identity, container and instance metadata) is ~90 KB per
 * function that Lambda never runs. The local cloud does not use the bundles and keeps the full chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);
