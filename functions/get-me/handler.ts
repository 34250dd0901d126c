import { whoAmI } from '../domain/services/context';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

export const handler = staffRoute({}, async (_request, staff) => ({ status: 200, body: await whoAmI(deps, staff) }));
