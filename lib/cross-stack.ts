import { Names, Stack, type CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The deployed stack a construct belongs to, past any nested stacks: where the portal's shared
 * resources (the log key, the tracing policy) are defined once for every stack (ADR 0018).
 */
export function rootStackOf(scope: IConstruct): Stack {
  let stack = Stack.of(scope);
  while (stack.nestedStackParent) stack = stack.nestedStackParent;
  return stack;
}

/**
 * How cdk-nag writes an attribute of `resource` when a policy in `consumer`'s stack names it, for the
 * exact id of an acknowledgement: `<LogicalId.Arn>` in the same stack. A nested stack receives it as
 * the parameter CDK names `referenceto<unique id of the resource><attribute>` (aws-cdk-lib's
 * core/lib/private/refs.ts), at any depth. A renamed parameter fails synthesis: the finding is then
 * unacknowledged.
 */
export function nagReference(consumer: IConstruct, resource: CfnResource, attribute: string): string {
  const consumerStack = Stack.of(consumer);
  const producerStack = Stack.of(resource);
  if (consumerStack === producerStack) return `<${producerStack.getLogicalId(resource)}.${attribute}>`;
  for (let stack = consumerStack.nestedStackParent; stack; stack = stack.nestedStackParent) {
    if (stack === producerStack) return `<referenceto${Names.nodeUniqueId(resource.node)}${attribute}>`;
  }
  throw new Error(`${consumer.node.path} is not in ${producerStack.node.path} or a stack nested in it`);
}
