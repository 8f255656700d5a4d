import type { RouteDef } from '#shared/api/route.ts';
import { ForbiddenError } from './errors.ts';
import type { Principal } from './tenant.ts';

/** Roles come from the route table; an API key needs one of the route's scopes. Also used where one route creates what others do (imports). */
export function authorize(route: Pick<RouteDef, 'roles' | 'scopes' | 'summary'>, principal: Principal) {
  if (principal.kind === 'api_key') {
    if (route.scopes.length === 0)
      throw new ForbiddenError('API keys cannot call this operation; a user must.', 'forbidden_for_api_keys');
    if (!route.scopes.some((s) => principal.scopes.includes(s))) {
      throw new ForbiddenError(`This API key lacks the scope ${route.scopes.join(' or ')}.`, 'missing_scope');
    }
    return;
  }
  if (!principal.role || !(route.roles as readonly string[]).includes(principal.role)) {
    throw new ForbiddenError(`The role ${principal.role ?? 'none'} may not ${route.summary.toLowerCase()}.`);
  }
}
