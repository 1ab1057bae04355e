#!/usr/bin/env node
// Offline validation of a SAM template (see docs/deploy.md, "Validation"):
//   node validate-sam.mjs <template.yaml> <sam.schema.json>
// - YAML with CloudFormation short-form tags, no YAML errors or unknown tags, known top-level sections;
// - Parameters, Conditions and Outputs well formed;
// - every AWS::Serverless::* resource (and Globals) against the SAM JSON Schema (draft-04, ajv-draft-04), and the
//   properties SAM passes through unchanged against the CloudFormation spec of the resource SAM generates;
// - every other AWS::* resource: type, property names at every level, required properties, literal value shapes
//   and enumerated values against the CloudFormation resource specification (@aws-cdk/aws-service-spec);
// - every Ref / Fn::GetAtt / Fn::Sub variable / DependsOn / Condition / Fn::If / Fn::FindInMap resolves, GetAtt
//   attributes exist, and a conditional resource is only referenced where its condition is known to hold.
// Exits 1 with one line per problem, 2 on bad usage; prints a one-line summary on success.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv-draft-04';
import { parseCfnYaml } from './lib/cfn-yaml.mjs';
import { SpecChecker, isIntrinsic, lookupResource, specDatabase, suggest } from './lib/cfn-spec.mjs';

const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);
const TOP_LEVEL = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Globals',
  'Resources',
  'Outputs',
]);
const RESOURCE_KEYS = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'Condition',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'Metadata',
  'CreationPolicy',
  'UpdatePolicy',
]);
const PARAMETER_KEYS = new Set([
  'Type',
  'Default',
  'AllowedValues',
  'AllowedPattern',
  'Description',
  'ConstraintDescription',
  'MaxLength',
  'MinLength',
  'MaxValue',
  'MinValue',
  'NoEcho',
]);
const PARAMETER_TYPE =
  /^(String|Number|List<Number>|CommaDelimitedList|AWS::[A-Za-z0-9]+::[A-Za-z0-9]+(::[A-Za-z0-9]+)*|List<AWS::[A-Za-z0-9:]+>|AWS::SSM::Parameter::Name|AWS::SSM::Parameter::Value<[A-Za-z0-9:<>]+>)$/;
const CONDITION_FUNCTIONS = new Set(['Fn::Equals', 'Fn::Not', 'Fn::And', 'Fn::Or']);
const OTHER_FUNCTIONS = new Set([
  'Fn::If',
  'Fn::GetAtt',
  'Fn::Sub',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::FindInMap',
  'Fn::GetAZs',
  'Fn::ImportValue',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::Transform',
  'Fn::Length',
  'Fn::ToJsonString',
]);
// The CloudFormation resource SAM generates for each SAM type (for GetAtt attributes and pass-through properties).
const SAM_GENERATES = {
  'AWS::Serverless::Function': ['AWS::Lambda::Function'],
  'AWS::Serverless::HttpApi': ['AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Stage'],
  'AWS::Serverless::WebSocketApi': ['AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Stage'],
  'AWS::Serverless::Api': ['AWS::ApiGateway::RestApi', 'AWS::ApiGateway::Stage'],
  'AWS::Serverless::SimpleTable': ['AWS::DynamoDB::Table'],
  'AWS::Serverless::StateMachine': ['AWS::StepFunctions::StateMachine'],
  'AWS::Serverless::LayerVersion': ['AWS::Lambda::LayerVersion'],
  'AWS::Serverless::GraphQLApi': ['AWS::AppSync::GraphQLApi'],
  'AWS::Serverless::Application': ['AWS::CloudFormation::Stack'],
};
const GLOBALS_SECTIONS = {
  Function: 'AWS::Serverless::Function',
  Api: 'AWS::Serverless::Api',
  HttpApi: 'AWS::Serverless::HttpApi',
  SimpleTable: 'AWS::Serverless::SimpleTable',
  StateMachine: 'AWS::Serverless::StateMachine',
  LayerVersion: 'AWS::Serverless::LayerVersion',
  WebSocketApi: 'AWS::Serverless::WebSocketApi',
  CapacityProvider: 'AWS::Serverless::CapacityProvider',
};

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

async function main(argv) {
  if (argv.length !== 2) {
    console.error('usage: node validate-sam.mjs <template.yaml> <sam.schema.json>');
    return 2;
  }
  const [templatePath, schemaPath] = argv.map((p) => resolve(p));
  const errors = [];
  const error = (message) => errors.push(message);

  let template;
  let samSchema;
  try {
    template = parseCfnYaml(readFileSync(templatePath, 'utf8'), templatePath);
  } catch (e) {
    console.error(`FAIL ${templatePath}\n${e.message}`);
    return 1;
  }
  try {
    samSchema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  } catch (e) {
    console.error(`FAIL cannot read the SAM schema ${schemaPath}: ${e.message}`);
    return 1;
  }
  const db = await specDatabase();
  const spec = new SpecChecker(db);

  // --- Top level ---------------------------------------------------------------------------------------------
  for (const key of Object.keys(template)) {
    if (!TOP_LEVEL.has(key)) error(`template: unknown top-level section ${key}${suggest(key, TOP_LEVEL)}`);
  }
  const parameters = template.Parameters ?? {};
  const conditions = template.Conditions ?? {};
  const mappings = template.Mappings ?? {};
  const resources = template.Resources;
  const outputs = template.Outputs ?? {};
  if (!isObject(resources) || Object.keys(resources).length === 0) {
    error('template: Resources must be a non-empty mapping');
    return report(templatePath, errors);
  }
  for (const [name, section] of Object.entries({ Parameters: parameters, Conditions: conditions, Outputs: outputs, Mappings: mappings })) {
    if (!isObject(section)) error(`template: ${name} must be a mapping`);
  }
  const transforms = [].concat(template.Transform ?? []);
  const usesSam = Object.values(resources).some((r) => isObject(r) && String(r.Type).startsWith('AWS::Serverless::'));
  if ((usesSam || template.Globals) && !transforms.includes('AWS::Serverless-2016-10-31')) {
    error('template: AWS::Serverless resources and Globals need "Transform: AWS::Serverless-2016-10-31"');
  }
  for (const name of Object.keys(resources)) {
    if (!/^[A-Za-z0-9]+$/.test(name)) error(`Resources.${name}: logical ids must be alphanumeric`);
    if (name in parameters) error(`Resources.${name}: a parameter has the same name`);
  }

  // --- Parameters --------------------------------------------------------------------------------------------
  for (const [name, p] of Object.entries(parameters)) {
    const path = `Parameters.${name}`;
    if (!isObject(p)) {
      error(`${path}: must be a mapping`);
      continue;
    }
    for (const key of Object.keys(p)) {
      if (!PARAMETER_KEYS.has(key)) error(`${path}: unknown key ${key}${suggest(key, PARAMETER_KEYS)}`);
    }
    if (typeof p.Type !== 'string' || !PARAMETER_TYPE.test(p.Type)) {
      error(`${path}: invalid Type ${JSON.stringify(p.Type)}`);
    }
    if ('Default' in p) {
      const def = String(p.Default);
      if (Array.isArray(p.AllowedValues) && !p.AllowedValues.map(String).includes(def)) {
        error(`${path}: Default ${JSON.stringify(def)} is not among AllowedValues`);
      }
      if (p.Type === 'Number') {
        const n = Number(def);
        if (Number.isNaN(n)) error(`${path}: Default ${JSON.stringify(def)} is not a number`);
        if ('MinValue' in p && n < Number(p.MinValue)) error(`${path}: Default ${def} is below MinValue ${p.MinValue}`);
        if ('MaxValue' in p && n > Number(p.MaxValue)) error(`${path}: Default ${def} is above MaxValue ${p.MaxValue}`);
      }
      if (p.Type === 'String' && p.AllowedPattern && !new RegExp(`^(?:${p.AllowedPattern})$`).test(def)) {
        error(`${path}: Default ${JSON.stringify(def)} does not match AllowedPattern`);
      }
    }
  }

  // --- SAM-generated resources that a template may reference -----------------------------------------------
  const generated = new Map(); // logical id -> CFN type (or null for Ref-only)
  const globalsFunction = isObject(template.Globals?.Function) ? template.Globals.Function : {};
  for (const [name, r] of Object.entries(resources)) {
    if (!isObject(r)) continue;
    const props = isObject(r.Properties) ? r.Properties : {};
    if (r.Type === 'AWS::Serverless::Function') {
      if (!props.Role) generated.set(`${name}Role`, { type: 'AWS::IAM::Role', condition: r.Condition });
      if (props.AutoPublishAlias ?? globalsFunction.AutoPublishAlias) {
        generated.set(`${name}.Alias`, { type: null, condition: r.Condition });
        generated.set(`${name}.Version`, { type: null, condition: r.Condition });
      }
      for (const event of Object.values(isObject(props.Events) ? props.Events : {})) {
        if (event?.Type === 'HttpApi' && !event.Properties?.ApiId) {
          generated.set('ServerlessHttpApi', { type: 'AWS::ApiGatewayV2::Api' });
        }
        if (event?.Type === 'Api' && !event.Properties?.RestApiId) {
          generated.set('ServerlessRestApi', { type: 'AWS::ApiGateway::RestApi' });
        }
      }
    }
    if (r.Type === 'AWS::Serverless::Api') {
      generated.set(`${name}.Stage`, { type: null, condition: r.Condition });
      generated.set(`${name}.Deployment`, { type: null, condition: r.Condition });
    }
    if (r.Type === 'AWS::Serverless::HttpApi') {
      generated.set(`${name}ApiGatewayDefaultStage`, { type: 'AWS::ApiGatewayV2::Stage', condition: r.Condition });
    }
  }

  // --- References ------------------------------------------------------------------------------------------
  const conditionClosure = (known) => {
    const closure = new Set(known);
    let grew = true;
    while (grew) {
      grew = false;
      for (const c of [...closure]) {
        const def = conditions[c];
        const parts = isObject(def) && Array.isArray(def['Fn::And']) ? def['Fn::And'] : [];
        for (const part of parts) {
          if (isObject(part) && typeof part.Condition === 'string' && !closure.has(part.Condition)) {
            closure.add(part.Condition);
            grew = true;
          }
        }
      }
    }
    return closure;
  };
  const conditionHolds = (condition, known) => {
    if (!condition) return true;
    const closure = conditionClosure(known);
    if (closure.has(condition)) return true;
    const def = conditions[condition];
    const alternatives = isObject(def) && Array.isArray(def['Fn::Or']) ? def['Fn::Or'] : [];
    return alternatives.some((part) => isObject(part) && closure.has(part.Condition));
  };
  const targetOf = (name) => {
    if (isObject(resources[name])) return { kind: 'resource', type: resources[name].Type, condition: resources[name].Condition };
    if (generated.has(name)) return { kind: 'generated', ...generated.get(name) };
    return null;
  };
  const checkConditional = (name, target, ctx, path) => {
    if (target?.condition && !conditionHolds(target.condition, ctx.conditions)) {
      error(
        `${path}: ${name} exists only when condition ${target.condition} holds, but is referenced where it is not ` +
          `known to hold (use the same Condition or wrap the reference in Fn::If [${target.condition}, ...])`,
      );
    }
  };
  const checkRef = (name, ctx, path) => {
    if (typeof name !== 'string') {
      error(`${path}: Ref takes a logical id or parameter name`);
      return;
    }
    if (ctx.section === 'Conditions') {
      if (!(name in parameters) && !PSEUDO_PARAMETERS.has(name)) {
        error(`${path}: conditions can only Ref parameters, not ${name}`);
      }
      return;
    }
    if (name in parameters || PSEUDO_PARAMETERS.has(name)) return;
    const target = targetOf(name);
    if (!target) {
      error(`${path}: Ref to undefined ${name}${suggest(name, [...Object.keys(parameters), ...Object.keys(resources)])}`);
      return;
    }
    checkConditional(name, target, ctx, path);
  };
  const checkGetAtt = (resourceName, attribute, ctx, path) => {
    const target = targetOf(resourceName);
    if (!target || target.kind === 'generated' && target.type === null) {
      error(`${path}: GetAtt of undefined resource ${resourceName}${suggest(resourceName, Object.keys(resources))}`);
      return;
    }
    checkConditional(resourceName, target, ctx, path);
    if (typeof attribute !== 'string') return;
    const cfnTypes = target.type?.startsWith('AWS::Serverless::') ? SAM_GENERATES[target.type] ?? [] : [target.type];
    if (cfnTypes.length === 0 || !cfnTypes[0]?.startsWith('AWS::')) return;
    if (cfnTypes[0] === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.')) return;
    const attributes = cfnTypes.flatMap((t) => Object.keys(lookupResource(db, t)?.attributes ?? {}));
    if (!attributes.includes(attribute)) {
      error(
        `${path}: ${target.type} has no attribute ${attribute}` +
          (attributes.length ? `${suggest(attribute, attributes)}; it has ${attributes.join(', ')}` : ' (it has none)'),
      );
    }
  };
  const checkSubString = (text, locals, ctx, path) => {
    if (typeof text !== 'string') return;
    for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
      const variable = match[1].trim();
      if (variable.startsWith('!')) continue;
      if (locals.has(variable)) continue;
      if (variable.includes('.') && !PSEUDO_PARAMETERS.has(variable) && !generated.has(variable)) {
        const [res, ...attr] = variable.split('.');
        checkGetAtt(res, attr.join('.'), ctx, `${path} \${${variable}}`);
      } else {
        checkRef(variable, ctx, `${path} \${${variable}}`);
      }
    }
  };
  const walk = (node, path, ctx) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${path}[${i}]`, ctx));
      return;
    }
    if (!isObject(node)) return;
    if (isIntrinsic(node)) {
      const [fn] = Object.keys(node);
      const arg = node[fn];
      const here = `${path}.${fn}`;
      if (fn === 'Ref') return checkRef(arg, ctx, here);
      if (fn === 'Condition') {
        if (ctx.section !== 'Conditions') error(`${here}: the Condition function is only allowed in Conditions`);
        else if (!(arg in conditions)) error(`${here}: undefined condition ${arg}${suggest(arg, Object.keys(conditions))}`);
        return;
      }
      if (CONDITION_FUNCTIONS.has(fn)) {
        if (ctx.section !== 'Conditions') error(`${here}: ${fn} is only allowed in Conditions`);
        return walk(arg, here, ctx);
      }
      if (!OTHER_FUNCTIONS.has(fn)) {
        error(`${here}: unknown intrinsic function ${fn}${suggest(fn, [...OTHER_FUNCTIONS, ...CONDITION_FUNCTIONS])}`);
        return;
      }
      switch (fn) {
        case 'Fn::GetAtt': {
          const [res, ...attr] = typeof arg === 'string' ? arg.split('.') : Array.isArray(arg) ? arg : [];
          if (typeof res !== 'string' || attr.length === 0) {
            error(`${here}: GetAtt takes "Resource.Attribute" or [Resource, Attribute]`);
            return;
          }
          const attribute = attr.every((a) => typeof a === 'string') ? attr.join('.') : undefined;
          if (attribute === undefined) walk(attr, here, ctx);
          return checkGetAtt(res, attribute, ctx, here);
        }
        case 'Fn::Sub': {
          if (typeof arg === 'string') return checkSubString(arg, new Set(), ctx, here);
          if (!Array.isArray(arg) || arg.length !== 2 || !isObject(arg[1])) {
            error(`${here}: Sub takes a string or [string, {variables}]`);
            return;
          }
          walk(arg[1], here, ctx);
          return checkSubString(arg[0], new Set(Object.keys(arg[1])), ctx, here);
        }
        case 'Fn::If': {
          if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') {
            error(`${here}: If takes [condition, value-if-true, value-if-false]`);
            return;
          }
          if (!(arg[0] in conditions)) {
            error(`${here}: undefined condition ${arg[0]}${suggest(arg[0], Object.keys(conditions))}`);
          }
          walk(arg[1], `${here}[1]`, { ...ctx, conditions: [...ctx.conditions, arg[0]] });
          walk(arg[2], `${here}[2]`, ctx);
          return;
        }
        case 'Fn::FindInMap': {
          if (Array.isArray(arg) && typeof arg[0] === 'string' && !(arg[0] in mappings)) {
            error(`${here}: undefined mapping ${arg[0]}`);
          }
          return walk(arg, here, ctx);
        }
        default:
          return walk(arg, here, ctx);
      }
    }
    for (const [key, value] of Object.entries(node)) walk(value, `${path}.${key}`, ctx);
  };

  // --- Conditions ----------------------------------------------------------------------------------------------
  for (const [name, def] of Object.entries(conditions)) {
    const path = `Conditions.${name}`;
    const [fn] = isObject(def) ? Object.keys(def) : [];
    if (!isIntrinsic(def) || !(CONDITION_FUNCTIONS.has(fn) || fn === 'Condition')) {
      error(`${path}: must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition`);
      continue;
    }
    walk(def, path, { section: 'Conditions', conditions: [] });
  }

  // --- SAM JSON Schema ---------------------------------------------------------------------------------------
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
  ajv.addSchema(samSchema, 'sam');
  const samDefinitions = new Map();
  for (const [defName, def] of Object.entries(samSchema.definitions ?? {})) {
    const typeEnum = def?.properties?.Type?.enum;
    if (defName.endsWith('__Resource') && Array.isArray(typeEnum) && typeEnum.length === 1) {
      samDefinitions.set(typeEnum[0], defName);
    }
  }
  const samValidator = (defName) => ajv.getSchema(`sam#/definitions/${defName}`);
  const ajvErrors = (validate, path) =>
    (validate.errors ?? []).slice(0, 12).map((e) => {
      const extra = e.params?.additionalProperty
        ? ` '${e.params.additionalProperty}'`
        : e.params?.allowedValues
          ? ` ${JSON.stringify(e.params.allowedValues)}`
          : '';
      return `${path}${e.instancePath.replaceAll('/', '.')}: ${e.message}${extra} (SAM schema)`;
    });
  // Properties SAM passes through unchanged to the resource it generates: check them against that resource's spec.
  const checkPassThrough = (samType, props, path) => {
    const defName = samDefinitions.get(samType);
    const samProps = samSchema.definitions?.[defName]?.properties?.Properties;
    const propsDefName = samProps?.$ref?.split('/').pop() ?? samProps?.allOf?.[0]?.$ref?.split('/').pop();
    const propSchemas = samSchema.definitions?.[propsDefName]?.properties ?? {};
    for (const [name, value] of Object.entries(props)) {
      const schemaText = JSON.stringify(propSchemas[name] ?? {});
      if (!schemaText.includes('__samPassThrough') && !schemaText.includes('PassThroughProp')) continue;
      for (const cfnType of SAM_GENERATES[samType] ?? []) {
        const cfnProp = lookupResource(db, cfnType)?.properties?.[name];
        if (!cfnProp) continue;
        const literalScalar = !isObject(value) && !Array.isArray(value);
        if (literalScalar && cfnProp.type.type === 'ref') break; // SAM shorthand such as CorsConfiguration: true
        for (const e of spec.checkValue(value, [cfnProp.type, ...(cfnProp.previousTypes ?? [])], `${path}.${name}`)) {
          error(`${e} (CloudFormation spec of ${cfnType}, passed through by SAM)`);
        }
        break;
      }
    }
  };

  if (template.Globals !== undefined) {
    const validate = samValidator('__main____Globals');
    if (!validate) error('SAM schema: no __main____Globals definition');
    else if (!validate(template.Globals)) ajvErrors(validate, 'Globals').forEach(error);
    for (const [section, props] of Object.entries(isObject(template.Globals) ? template.Globals : {})) {
      if (GLOBALS_SECTIONS[section] && isObject(props)) checkPassThrough(GLOBALS_SECTIONS[section], props, `Globals.${section}`);
    }
    walk(template.Globals, 'Globals', { section: 'Globals', conditions: [] });
  }

  // --- Resources ---------------------------------------------------------------------------------------------
  let samCount = 0;
  let cfnCount = 0;
  for (const [name, r] of Object.entries(resources)) {
    const path = `Resources.${name}`;
    if (!isObject(r)) {
      error(`${path}: must be a mapping`);
      continue;
    }
    for (const key of Object.keys(r)) {
      if (!RESOURCE_KEYS.has(key)) error(`${path}: unknown resource attribute ${key}${suggest(key, RESOURCE_KEYS)}`);
    }
    if (typeof r.Type !== 'string') {
      error(`${path}: missing Type`);
      continue;
    }
    if (r.Condition !== undefined && !(r.Condition in conditions)) {
      error(`${path}.Condition: undefined condition ${r.Condition}${suggest(String(r.Condition), Object.keys(conditions))}`);
    }
    const ctx = { section: 'Resources', conditions: r.Condition ? [r.Condition] : [] };
    for (const dep of [].concat(r.DependsOn ?? [])) {
      const target = targetOf(dep);
      if (typeof dep !== 'string' || !target) error(`${path}.DependsOn: undefined resource ${dep}${suggest(String(dep), Object.keys(resources))}`);
      else if (dep === name) error(`${path}.DependsOn: a resource cannot depend on itself`);
      else checkConditional(dep, target, ctx, `${path}.DependsOn`);
    }
    const props = r.Properties ?? {};
    if (r.Type.startsWith('AWS::Serverless::')) {
      samCount++;
      const defName = samDefinitions.get(r.Type);
      if (!defName) {
        error(`${path}: unknown SAM resource type ${r.Type}${suggest(r.Type, samDefinitions.keys())}`);
        continue;
      }
      const validate = samValidator(defName);
      if (!validate(r)) ajvErrors(validate, path).forEach(error);
      if (isObject(props)) checkPassThrough(r.Type, props, `${path}.Properties`);
    } else if (r.Type.startsWith('AWS::')) {
      cfnCount++;
      const resourceSpec = lookupResource(db, r.Type);
      if (!resourceSpec) {
        const allTypes = db.all('resource').map((x) => x.cloudFormationType);
        error(`${path}: unknown resource type ${r.Type}${suggest(r.Type, allTypes)}`);
        continue;
      }
      for (const e of spec.checkProperties(props, resourceSpec.properties, `${path}.Properties`)) error(e);
    } else if (!r.Type.startsWith('Custom::')) {
      error(`${path}: unsupported resource type ${r.Type} (expected AWS::* or Custom::*)`);
    }
    walk(props, `${path}.Properties`, ctx);
  }

  // --- Outputs -----------------------------------------------------------------------------------------------
  for (const [name, o] of Object.entries(outputs)) {
    const path = `Outputs.${name}`;
    if (!isObject(o) || !('Value' in o)) {
      error(`${path}: needs a Value`);
      continue;
    }
    for (const key of Object.keys(o)) {
      if (!['Description', 'Value', 'Export', 'Condition'].includes(key)) error(`${path}: unknown key ${key}`);
    }
    if (o.Condition !== undefined && !(o.Condition in conditions)) {
      error(`${path}.Condition: undefined condition ${o.Condition}`);
    }
    walk(o, path, { section: 'Outputs', conditions: o.Condition ? [o.Condition] : [] });
  }

  if (errors.length === 0) {
    console.log(
      `OK ${templatePath}: ${samCount} SAM resource(s) valid against the SAM schema, ${cfnCount} CloudFormation ` +
        `resource(s) valid against the resource specification, every reference resolved`,
    );
  }
  return report(templatePath, errors);
}

function report(templatePath, errors) {
  if (errors.length === 0) return 0;
  console.error(`FAIL ${templatePath}: ${errors.length} problem(s)`);
  for (const e of errors) console.error(`  - ${e}`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`FAIL ${e.stack ?? e}`);
    process.exit(1);
  },
);
