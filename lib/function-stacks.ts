import { NestedStack, type Stack } from 'aws-cdk-lib';
import { routes } from '../functions/contract/routes';
import { EVENT_FUNCTIONS } from './function-access';

/**
 * The nested stacks that hold the functions (ADR 0018): about four resources per function (function,
 * role, log group, error alarm) kept out of the parent, whose CloudFormation limit is 500 resources.
 * Grouped by who calls them, so a function's stack follows from the route table and does not move
 * when routes are added.
 */
export const FUNCTION_STACKS = {
  OfficeFunctions: "the business office's API functions (staff routes)",
  AgencyFunctions: "the agency leads' API functions and the public ones (agency sessions, the OpenAPI document)",
  EventFunctions: 'the event-driven functions: the daily run, GuardDuty scan results and the audit archive',
} as const;

export type FunctionStackId = keyof typeof FUNCTION_STACKS;

/** A function serving any business-office route goes with the office's; the rest of the API's with the agencies'. */
export function functionStackFor(functionName: string): FunctionStackId {
  if (EVENT_FUNCTIONS.includes(functionName)) return 'EventFunctions';
  const served = routes.filter((route) => route.functionName === functionName);
  if (!served.length) throw new Error(`No route or event invokes the ${functionName} function`);
  return served.some((route) => route.auth === 'staff') ? 'OfficeFunctions' : 'AgencyFunctions';
}

/** The nested stacks, in `parent`: they deploy with it, in the same `cdk deploy`. */
export function createFunctionStacks(parent: Stack): Record<FunctionStackId, NestedStack> {
  const entries = Object.entries(FUNCTION_STACKS).map(([id, description]) => [
    id,
    new NestedStack(parent, id, { description: `Safeguarding returns portal: ${description}` }),
  ]);
  return Object.fromEntries(entries) as Record<FunctionStackId, NestedStack>;
}
