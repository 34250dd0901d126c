import { whoAmI } from '../domain/services/context';
import { deps, staffRoute } from '../runtime/portal';

export const handler = staffRoute({}, async (_request, staff) => ({ status: 200, body: await whoAmI(deps, staff) }));
