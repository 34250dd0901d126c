import { NestedStack, type CfnResource, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/**
 * The synthesised templates of a stack and of the stacks nested in it (ADR 0018), for assertions that
 * hold across them, and the resource guard each template must pass.
 */
export type TemplateResource = {
  Type: string;
  Properties?: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string | string[];
};
export type CfnTemplate = {
  Resources: Record<string, TemplateResource>;
  Parameters?: Record<string, unknown>;
  Outputs?: Record<string, { Value: unknown }>;
  [section: string]: unknown;
};
export interface StackTemplate {
  stack: Stack;
  template: CfnTemplate;
}

/** `root`'s template and those of the stacks nested in it at any depth, parents before their children. */
export function stackTemplates(root: Stack): StackTemplate[] {
  const stacks = [root, ...root.node.findAll().filter((c) => NestedStack.isNestedStack(c))] as Stack[];
  return stacks.map((stack) => ({ stack, template: Template.fromStack(stack).toJSON() as CfnTemplate }));
}

/** Replaces, anywhere in `value`, each node for which `replacement` answers something. */
function replaceDeep(value: unknown, replacement: (node: Record<string, any>) => unknown): any {
  if (Array.isArray(value)) return value.map((item) => replaceDeep(item, replacement));
  if (value === null || typeof value !== 'object') return value;
  const replaced = replacement(value as Record<string, any>);
  if (replaced !== undefined) return replaced;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceDeep(item, replacement)]));
}

const OUTPUT = /^Outputs\.(.+)$/;

/**
 * Every resource of `root` and of its nested stacks as one template, written as if they were one stack:
 * a reference to a nested stack's parameter becomes the value its parent passes in (`{ Ref: "DataTable…" }`),
 * and the parent's use of a nested stack's output becomes the output's value (`{ "Fn::GetAtt":
 * ["ListCasesFunction…", "Arn"] }`). So the single-stack assertions keep their meaning. Throws if a
 * logical id is in two templates, a parameter is not passed or an output is missing. Outputs and
 * parameters are the root's: what an operator sees.
 */
export function flattenTemplates(root: Stack, templates = stackTemplates(root)): CfnTemplate {
  const resources: Record<string, TemplateResource> = {};
  const ownResources = new Map<Stack, Record<string, TemplateResource>>();
  /** `<nested stack resource id>/<output id>` → the output's value, in its parent's terms. */
  const outputs = new Map<string, unknown>();
  for (const { stack, template } of templates) {
    let own = template.Resources;
    if (NestedStack.isNestedStack(stack)) {
      const parent = stack.nestedStackParent as Stack;
      const resourceId = parent.getLogicalId(stack.nestedStackResource as CfnResource);
      const passed = (ownResources.get(parent)?.[resourceId]?.Properties?.Parameters ?? {}) as Record<string, unknown>;
      const declared = new Set(Object.keys(template.Parameters ?? {}));
      const inParentTerms = (value: unknown) =>
        replaceDeep(value, (node) => {
          if (typeof node.Ref !== 'string' || !declared.has(node.Ref)) return undefined;
          if (!(node.Ref in passed)) throw new Error(`${stack.node.path} is not passed its parameter ${node.Ref}`);
          return passed[node.Ref];
        });
      own = inParentTerms(template.Resources);
      for (const [id, output] of Object.entries(template.Outputs ?? {})) {
        outputs.set(`${resourceId}/${id}`, inParentTerms(output.Value));
      }
    }
    ownResources.set(stack, own);
    for (const [id, resource] of Object.entries(own)) {
      if (id in resources) throw new Error(`The logical id ${id} is in two templates`);
      resources[id] = resource;
    }
  }
  // An output may name a deeper stack's output: resolve until none is left.
  let flat = resources;
  for (let depth = 0; depth < templates.length; depth++) {
    flat = replaceDeep(flat, (node) => {
      const getAtt = node['Fn::GetAtt'] as unknown;
      if (!Array.isArray(getAtt) || typeof getAtt[1] !== 'string') return undefined;
      const output = OUTPUT.exec(getAtt[1])?.[1];
      if (!output || resources[getAtt[0] as string]?.Type !== 'AWS::CloudFormation::Stack') return undefined;
      const key = `${getAtt[0] as string}/${output}`;
      if (!outputs.has(key)) throw new Error(`No output ${key}`);
      return outputs.get(key);
    });
  }
  const rootTemplate = templates[0]?.template;
  return { Resources: flat, Parameters: rootTemplate?.Parameters, Outputs: rootTemplate?.Outputs };
}

/**
 * Each stack's share of CloudFormation's 500 resources: room left for a change while functions are
 * regrouped. The CDK CLI adds one more to each stack (`CDKMetadata`), absent from the tests' templates.
 */
export const RESOURCES_PER_STACK = 400;

/** The stacks at or over `limit` resources, with their counts. */
export function stacksOverLimit(templates: StackTemplate[], limit = RESOURCES_PER_STACK): string[] {
  return templates
    .map(({ stack, template }) => ({ path: stack.node.path, count: Object.keys(template.Resources).length }))
    .filter(({ count }) => count >= limit)
    .map(({ path, count }) => `${path}: ${count} resources`);
}
