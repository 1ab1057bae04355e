#!/usr/bin/env node
// What a first deploy on a fresh account needs from both deployments, and what makes a failed one fail loudly
// (issue 13). Each check names the defect it catches; check.sh breaks copies of the files to show each one bites.
//
//   node validate-deploy.mjs <sam-template.yaml> <terraform-module-dir> <openapi.yaml>
//
// - reserved concurrency of the migration and maintenance functions is a parameter (an account at the minimum
//   concurrency quota refuses any reservation);
// - the functions and the database get security groups of their own (5432 from the functions' group only);
// - impossible parameter combinations are refused before anything is created (SAM Rules, Terraform preconditions);
// - RDS Proxy's borrow timeout is below the API function's timeout;
// - CloudFront policy names carry the region; every function logs to a log group the template created (LoggingConfig);
// - every secret has a DeletionPolicy; deletion protection and Multi-AZ are parameters;
// - Terraform stages function.zip in S3, names its final snapshot uniquely, pins the AWS provider to >= 6.4;
// - TLS to PostgreSQL is verify-full with a CA file, never a silent trust-all;
// - migrations gate traffic (SAM PreTraffic hook and creation check; Terraform postconditions before the alias);
// - the CDN forwards every `in: query` parameter of the OpenAPI document and keeps CORS right with origins *;
// - alarms, a dashboard, tags on every taggable resource; the native switch sets DISABLE_SIGNAL_HANDLERS.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import YAML from 'yaml';
import { parseCfnYaml } from './lib/cfn-yaml.mjs';
import { lookupResource, specDatabase } from './lib/cfn-spec.mjs';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v) => JSON.stringify(v ?? null);

async function main(argv) {
  if (argv.length !== 3) {
    console.error('usage: node validate-deploy.mjs <template.yaml> <terraform-module-dir> <openapi.yaml>');
    return 2;
  }
  const [templatePath, moduleDir, openapiPath] = argv.map((p) => resolve(p));
  const errors = [];
  let checks = 0;
  const check = (ok, message) => {
    checks++;
    if (!ok) errors.push(message);
    return ok;
  };
  let sam;
  let tf;
  let queryParameters;
  try {
    sam = parseCfnYaml(readFileSync(templatePath, 'utf8'), templatePath);
    tf = await tfModel(moduleDir);
    queryParameters = openapiQueryParameters(YAML.parse(readFileSync(openapiPath, 'utf8')));
  } catch (e) {
    console.error(`FAIL ${e.message ?? e}`);
    return 1;
  }
  check(queryParameters.length > 0, `${openapiPath}: no \`in: query\` parameter found`);
  await checkSam(sam, queryParameters, check);
  checkTerraform(tf, queryParameters, check);
  if (errors.length) {
    console.error(`FAIL deploy readiness: ${errors.length} problem(s)`);
    for (const e of errors) console.error(`  - ${e}`);
    return 1;
  }
  console.log(`OK deploy readiness: ${checks} check(s) on ${templatePath} and ${moduleDir}`);
  return 0;
}

/** Every parameter with `in: query`, inline or through a $ref to components.parameters. */
function openapiQueryParameters(doc) {
  const names = new Set();
  const visit = (p) => {
    if (isObject(p) && typeof p.$ref === 'string') {
      p = p.$ref.split('/').slice(1).reduce((node, key) => node?.[key], doc);
    }
    if (isObject(p) && p.in === 'query') names.add(p.name);
  };
  for (const item of Object.values(doc.paths ?? {})) {
    for (const p of item.parameters ?? []) visit(p);
    for (const op of Object.values(item)) if (isObject(op)) for (const p of op.parameters ?? []) visit(p);
  }
  return [...names].sort();
}

// --- SAM ---------------------------------------------------------------------------------------------------------

async function checkSam(t, queryParameters, check) {
  const resources = t.Resources ?? {};
  const parameters = t.Parameters ?? {};
  const of = (type) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const functions = [...of('AWS::Serverless::Function'), ...of('AWS::Lambda::Function')];
  const globals = t.Globals?.Function ?? {};

  // Reserved concurrency
  for (const id of ['MigrateFunction', 'MaintenanceFunction']) {
    const value = resources[id]?.Properties?.ReservedConcurrentExecutions;
    check(value === undefined || !/^\d+$/.test(String(value)),
      `SAM: ${id}: ReservedConcurrentExecutions must be a parameter that defaults to unreserved, not ${text(value)}`);
    const param = `${id.replace('Function', '')}ReservedConcurrency`;
    check(String(parameters[param]?.Default) === '-1', `SAM: parameter ${param} must default to -1 (unreserved)`);
  }

  // Network
  const fnGroups = text(globals.VpcConfig);
  check(fnGroups.includes('"Ref":"FunctionSecurityGroup"'),
    'SAM: the functions\' VpcConfig must use the template\'s FunctionSecurityGroup');
  const dbGroup = resources.DatabaseSecurityGroup;
  const ingress = dbGroup?.Properties?.SecurityGroupIngress ?? [];
  check(dbGroup?.Type === 'AWS::EC2::SecurityGroup' && ingress.some((r) => Number(r.FromPort) === 5432
    && Number(r.ToPort) === 5432 && text(r.SourceSecurityGroupId) === text({ Ref: 'FunctionSecurityGroup' })),
  'SAM: DatabaseSecurityGroup must allow 5432 from FunctionSecurityGroup');
  for (const [id, prop] of [['DatabaseInstance', 'VPCSecurityGroups'], ['DatabaseProxy', 'VpcSecurityGroupIds']]) {
    check(text(resources[id]?.Properties?.[prop]).includes('"Ref":"DatabaseSecurityGroup"'),
      `SAM: ${id}.${prop} must use DatabaseSecurityGroup`);
  }
  check(text(resources.FunctionSecurityGroup?.Properties?.VpcId) === text({ Ref: 'VpcId' }),
    'SAM: FunctionSecurityGroup must be created in the VpcId parameter');

  // Rules
  const rules = Object.values(t.Rules ?? {});
  check(rules.some((rule) => text(rule.RuleCondition).includes('"Ref":"CreateDatabase"')
    && text(rule.Assertions).includes('"Ref":"VpcId"') && text(rule.Assertions).includes('"Ref":"SubnetIds"')),
  'SAM: Rules must refuse CreateDatabase without VpcId/SubnetIds');
  check(text(rules).includes('"Ref":"ExistingDatabaseHost"') && text(rules).includes('"Ref":"ExistingDatabaseSecretArn"'),
    'SAM: Rules must refuse an existing database without its host and secret');

  // Borrow timeout below the request timeout
  const borrow = resources.DatabaseProxyTargetGroup?.Properties?.ConnectionPoolConfigurationInfo?.ConnectionBorrowTimeout;
  const borrowMax = isObject(borrow) && borrow.Ref ? Number(parameters[borrow.Ref]?.MaxValue) : Number(borrow);
  check(borrowMax < Number(parameters.ApiTimeout?.MinValue),
    `SAM: RDS Proxy ConnectionBorrowTimeout (up to ${borrowMax} s) must stay below ApiTimeout (from ${parameters.ApiTimeout?.MinValue} s)`);

  // Account-global names, log groups, retention of secrets and databases
  for (const [id, r] of [...of('AWS::CloudFront::CachePolicy'), ...of('AWS::CloudFront::OriginRequestPolicy'),
    ...of('AWS::CloudFront::ResponseHeadersPolicy')]) {
    const config = Object.values(r.Properties ?? {})[0] ?? {};
    check(text(config.Name).includes('${AWS::Region}'), `SAM: ${id}: the policy name must include \${AWS::Region}`);
  }
  for (const [id, r] of functions) {
    const logging = r.Properties?.LoggingConfig ?? {};
    const group = logging.LogGroup?.Ref;
    check(resources[group]?.Type === 'AWS::Logs::LogGroup',
      `SAM: ${id}: LoggingConfig.LogGroup must name a log group of the template`);
    check(logging.LogFormat === 'JSON', `SAM: ${id}: LoggingConfig.LogFormat must be JSON`);
    check(logging.ApplicationLogLevel !== undefined && logging.SystemLogLevel !== undefined,
      `SAM: ${id}: LoggingConfig must set ApplicationLogLevel and SystemLogLevel`);
  }
  for (const [id, r] of of('AWS::SecretsManager::Secret')) {
    check(r.DeletionPolicy !== undefined && r.UpdateReplacePolicy !== undefined,
      `SAM: ${id}: a secret needs an explicit DeletionPolicy and UpdateReplacePolicy`);
  }
  const db = resources.DatabaseInstance?.Properties ?? {};
  check(isObject(db.DeletionProtection) && isObject(db.MultiAZ),
    'SAM: DatabaseInstance: DeletionProtection and MultiAZ must be parameters');

  // TLS
  const env = globals.Environment?.Variables ?? {};
  const urls = text(env.QUARKUS_DATASOURCE_REACTIVE_URL) + text(env.QUARKUS_DATASOURCE_JDBC_URL);
  check(urls.includes('DatabaseProxy.Endpoint}:5432/${DatabaseName}?sslmode=verify-full'),
    'SAM: the created RDS Proxy must be reached with sslmode=verify-full');
  const modes = parameters.ExistingDatabaseSslMode?.AllowedValues ?? [];
  check(parameters.ExistingDatabaseSslMode?.Default === 'verify-full' && !modes.includes('prefer') && !modes.includes('allow'),
    'SAM: ExistingDatabaseSslMode must default to verify-full and offer no silent downgrade (prefer, allow)');
  check(env.QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS !== undefined,
    'SAM: QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS must name the CA file of verify-full');
  check(!text(env.QUARKUS_DATASOURCE_REACTIVE_TRUST_ALL).includes('"true"') || text(env.QUARKUS_DATASOURCE_REACTIVE_TRUST_ALL).includes('Fn::If'),
    'SAM: QUARKUS_DATASOURCE_REACTIVE_TRUST_ALL may only be set by the explicit opt-out');

  // Migrations gate traffic
  const api = resources.ApiFunction?.Properties ?? {};
  const hook = api.DeploymentPreference?.Hooks?.PreTraffic?.Ref;
  check(hook !== undefined && resources[hook] !== undefined,
    'SAM: ApiFunction needs a DeploymentPreference PreTraffic hook (the alias must not move before the migration ran)');
  const hookEnv = text(resources[hook]?.Properties?.Environment);
  check(hookEnv.includes('"Ref":"MigrateFunction"') && hookEnv.includes('"Ref":"ApiFunction.Version"'),
    'SAM: the PreTraffic hook must run MigrateFunction and check the new ApiFunction.Version');
  check(Object.values(resources).some((r) => /^(Custom::|AWS::CloudFormation::CustomResource)/.test(r.Type)
    && text(r.Properties?.ServiceToken).includes(`"${hook}.Arn"`)),
  'SAM: stack creation (no CodeDeploy hook runs then) must run the same check as a custom resource');

  // CDN
  const cache = resources.PollCachePolicy?.Properties?.CachePolicyConfig?.ParametersInCacheKeyAndForwardedToOrigin ?? {};
  const forwarded = cache.QueryStringsConfig?.QueryStrings ?? [];
  for (const name of queryParameters) {
    check(forwarded.includes(name), `SAM: PollCachePolicy does not forward the query parameter "${name}" of the OpenAPI document`);
  }
  const keyHeaders = cache.HeadersConfig?.Headers;
  const originAlways = Array.isArray(keyHeaders) && keyHeaders.includes('Origin');
  const behavior = resources.Distribution?.Properties?.DistributionConfig?.DefaultCacheBehavior ?? {};
  const policyId = branches(behavior.ResponseHeadersPolicyId).map((v) => v?.Ref).find(Boolean);
  const cors = resources[policyId]?.Properties?.ResponseHeadersPolicyConfig?.CorsConfig;
  check(originAlways || (cors?.OriginOverride === true && text(cors?.AccessControlAllowOrigins).includes('"*"')),
    'SAM: with CorsAllowedOrigins=* the CDN must key on Origin or add CORS headers at the edge (a response headers policy)');

  // Operations
  const alarms = of('AWS::CloudWatch::Alarm').map(([, r]) => text(r.Properties));
  for (const [metric, what] of [['"5xx"', 'API 5xx'], ['"Throttles"', 'Lambda throttles'], ['"Errors"', 'Lambda errors'],
    ['"CPUUtilization"', 'RDS CPU'], ['"DatabaseConnections"', 'RDS connections'],
    ['"DatabaseConnectionsCurrentlySessionPinned"', 'proxy pinning'], ['maintenance-failures', 'maintenance failures']]) {
    check(alarms.some((a) => a.includes(metric)), `SAM: no CloudWatch alarm on ${what}`);
  }
  check(of('AWS::CloudWatch::Dashboard').length === 1, 'SAM: a CloudWatch dashboard is missing');
  check(of('AWS::SNS::Topic').some(([, r]) => r.Condition), 'SAM: the alarms need an optional SNS topic');
  const spec = await specDatabase();
  check(isObject(globals.Tags), 'SAM: Globals.Function.Tags must tag every function');
  for (const [id, r] of Object.entries(resources)) {
    // Functions are tagged through Globals; CloudFormation refuses Tags on a dashboard (the spec package says otherwise).
    if (r.Type === 'AWS::Serverless::Function' || r.Type === 'AWS::CloudWatch::Dashboard') continue;
    // The resource specification lists Tags on listeners; CloudFormation (and cfn-lint's schema) refuses them.
    const taggable = r.Type === 'AWS::Serverless::HttpApi'
      || (r.Type !== 'AWS::ElasticLoadBalancingV2::Listener' && 'Tags' in (lookupResource(spec, r.Type)?.properties ?? {}));
    if (taggable) check(r.Properties?.Tags !== undefined, `SAM: ${id} (${r.Type}) has no Tags`);
  }
  check(text(env.DISABLE_SIGNAL_HANDLERS).includes('IsJvm'),
    'SAM: the native runtime must set DISABLE_SIGNAL_HANDLERS');
  check(text(globals.MemorySize).includes('NativeMemorySize'), 'SAM: the native runtime needs a memory size of its own');
}

/** The values a property may take: the branches of Fn::If, without AWS::NoValue. */
function branches(value) {
  if (isObject(value) && Array.isArray(value['Fn::If'])) return [...branches(value['Fn::If'][1]), ...branches(value['Fn::If'][2])];
  if (isObject(value) && value.Ref === 'AWS::NoValue') return [];
  return [value];
}

// --- Terraform ---------------------------------------------------------------------------------------------------

async function tfModel(dir) {
  const model = { locals: {}, resources: {}, variables: {}, versions: '' };
  for (const f of readdirSync(dir).filter((name) => name.endsWith('.tf')).sort()) {
    const source = readFileSync(join(dir, f), 'utf8');
    const json = await parse(f, source);
    if (f === 'versions.tf') model.versions = source;
    for (const block of json.locals ?? []) Object.assign(model.locals, block);
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      model.resources[type] ??= {};
      for (const [name, bodies] of Object.entries(byName)) model.resources[type][name] = bodies[0];
    }
    for (const [name, bodies] of Object.entries(json.variable ?? {})) model.variables[name] = bodies[0];
  }
  return model;
}

function checkTerraform(tf, queryParameters, check) {
  const r = tf.resources;
  const fn = r.aws_lambda_function ?? {};
  for (const name of ['migrate', 'maintenance']) {
    check(String(fn[name]?.reserved_concurrent_executions).includes(`var.${name}_reserved_concurrency`),
      `Terraform: aws_lambda_function.${name}: reserved_concurrent_executions must be var.${name}_reserved_concurrency`);
    check(tf.variables[`${name}_reserved_concurrency`]?.default === -1,
      `Terraform: variable ${name}_reserved_concurrency must default to -1 (unreserved)`);
  }
  for (const [name, f] of Object.entries(fn)) {
    check(f.filename === undefined && String(f.s3_key).includes('aws_s3_object'),
      `Terraform: aws_lambda_function.${name} must read function.zip from the S3 object, not upload it directly`);
    const logging = f.logging_config?.[0] ?? {};
    check(String(logging.log_group).includes('aws_cloudwatch_log_group.') && logging.log_format === 'JSON'
      && logging.application_log_level && logging.system_log_level,
    `Terraform: aws_lambda_function.${name}: logging_config must name its log group, JSON, and both log levels`);
    check(text(f.vpc_config ?? f.dynamic).includes('local.function_security_group_ids'),
      `Terraform: aws_lambda_function.${name}: vpc_config must use the module's function security group`);
  }
  const dbGroup = text(r.aws_security_group?.database);
  check(dbGroup.includes('5432') && dbGroup.includes('aws_security_group.function'),
    'Terraform: aws_security_group.database must allow 5432 from aws_security_group.function');
  check(text(r.aws_db_instance?.this?.vpc_security_group_ids).includes('local.database_security_group_ids')
    && text(r.aws_db_proxy?.this?.vpc_security_group_ids).includes('local.database_security_group_ids')
    && text(tf.locals.database_security_group_ids).includes('aws_security_group.database'),
  'Terraform: the RDS instance and proxy must use the module\'s database security group');
  const preconditions = text(r.terraform_data?.parameter_checks?.lifecycle);
  check(preconditions.includes('var.vpc_id') && preconditions.includes('var.existing_database_host'),
    'Terraform: terraform_data.parameter_checks must refuse impossible combinations (vpc_id, existing database)');
  const borrow = text(r.aws_db_proxy_default_target_group?.this?.connection_pool_config);
  check(borrow.includes('var.database_proxy_borrow_timeout'),
    'Terraform: connection_borrow_timeout must be var.database_proxy_borrow_timeout (below api_timeout)');
  for (const type of ['aws_cloudfront_cache_policy', 'aws_cloudfront_origin_request_policy', 'aws_cloudfront_response_headers_policy']) {
    for (const [name, p] of Object.entries(r[type] ?? {})) {
      check(String(p.name).includes('local.region'), `Terraform: ${type}.${name}: the policy name must include the region`);
    }
  }
  for (const [name, s] of Object.entries(r.aws_secretsmanager_secret ?? {})) {
    check(s.recovery_window_in_days === undefined || Number(s.recovery_window_in_days) > 0,
      `Terraform: aws_secretsmanager_secret.${name}: no immediate deletion`);
  }
  const db = r.aws_db_instance?.this ?? {};
  check(String(db.deletion_protection).includes('var.') && String(db.multi_az).includes('var.'),
    'Terraform: aws_db_instance.this: deletion_protection and multi_az must be variables');
  check(/timestamp\(\)|random_/.test(String(db.final_snapshot_identifier)),
    'Terraform: aws_db_instance.this: final_snapshot_identifier must be unique (a fixed name collides on the second destroy)');
  const lower = /version\s*=\s*">=\s*(\d+)\.(\d+)/.exec(tf.versions.slice(tf.versions.indexOf('hashicorp/aws')));
  check(lower && (Number(lower[1]) > 6 || (Number(lower[1]) === 6 && Number(lower[2]) >= 4)),
    'Terraform: the AWS provider must be >= 6.4 (6.0-6.3 broke version publishing; 5.x moves aliases to inactive SnapStart versions)');

  // TLS
  const locals = text(tf.locals);
  check(locals.includes('var.create_database ? \\"verify-full\\"'), 'Terraform: the created RDS Proxy must be reached with verify-full');
  const mode = tf.variables.existing_database_ssl_mode ?? {};
  check(mode.default === 'verify-full' && !text(mode.validation).includes('prefer'),
    'Terraform: existing_database_ssl_mode must default to verify-full and offer no silent downgrade');
  check(locals.includes('QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS'),
    'Terraform: QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS must name the CA file of verify-full');

  // Migrations gate traffic
  const invocations = r.aws_lambda_invocation ?? {};
  check(text(invocations.migrate?.lifecycle).includes('postcondition') && text(invocations.migrate?.lifecycle).includes('statusCode'),
    'Terraform: aws_lambda_invocation.migrate needs a postcondition on the answer\'s statusCode');
  check(text(invocations.api_ready?.lifecycle).includes('statusCode') && String(invocations.api_ready?.qualifier).includes('version'),
    'Terraform: the published API version must answer ready (aws_lambda_invocation.api_ready) before the alias moves');
  const aliasDeps = text(r.aws_lambda_alias?.live?.depends_on);
  check(aliasDeps.includes('aws_lambda_invocation.migrate') && aliasDeps.includes('aws_lambda_invocation.api_ready'),
    'Terraform: aws_lambda_alias.live must depend on the migration and the readiness invocation');

  // CDN
  const forwarded = text(tf.locals.cache_query_strings);
  check(text(r.aws_cloudfront_cache_policy?.polls).includes('local.cache_query_strings'),
    'Terraform: the cache policy must forward local.cache_query_strings');
  for (const name of queryParameters) {
    check(forwarded.includes(`"${name}"`), `Terraform: the cache policy does not forward the query parameter "${name}" of the OpenAPI document`);
  }
  const cors = text(r.aws_cloudfront_response_headers_policy?.cors);
  const behavior = text(r.aws_cloudfront_distribution?.this?.default_cache_behavior);
  check(text(tf.locals.cache_key_headers).startsWith('"${concat([\\"Authorization\\", \\"Origin\\"]')
    || (cors.includes('"origin_override":true') && cors.includes('["*"]') && behavior.includes('response_headers_policy_id')),
  'Terraform: with cors_allowed_origins ["*"] the CDN must key on Origin or add CORS headers at the edge');

  // Operations
  const alarms = text(r.aws_cloudwatch_metric_alarm);
  for (const metric of ['5xx', 'Throttles', 'Errors', 'CPUUtilization', 'DatabaseConnections',
    'DatabaseConnectionsCurrentlySessionPinned', 'maintenance-failures']) {
    check(alarms.includes(metric), `Terraform: no CloudWatch alarm on ${metric}`);
  }
  check(r.aws_cloudwatch_dashboard !== undefined, 'Terraform: a CloudWatch dashboard is missing');
  check(r.aws_sns_topic?.alarms?.count !== undefined, 'Terraform: the alarms need an optional SNS topic');
  const untaggable = new Set(['aws_lambda_function_url', 'aws_lb_target_group_attachment', 'aws_iam_role_policy', 'aws_iam_role_policy_attachment', 'aws_secretsmanager_secret_version',
    'aws_db_proxy_default_target_group', 'aws_db_proxy_target', 'aws_cloudwatch_event_target', 'aws_lambda_permission',
    'aws_lambda_invocation', 'aws_lambda_alias', 'aws_apigatewayv2_integration', 'aws_apigatewayv2_route',
    'aws_cloudfront_cache_policy', 'aws_cloudfront_origin_request_policy', 'aws_cloudfront_response_headers_policy',
    'aws_s3_bucket_public_access_block', 'aws_s3_bucket_lifecycle_configuration', 'aws_sns_topic_subscription',
    'aws_cloudwatch_log_metric_filter', 'aws_cloudwatch_dashboard', 'random_password', 'terraform_data']);
  for (const [type, byName] of Object.entries(r)) {
    if (untaggable.has(type)) continue;
    for (const [name, body] of Object.entries(byName)) {
      check(String(body.tags).includes('local.tags'), `Terraform: ${type}.${name} has no tags = local.tags`);
    }
  }
  check(locals.includes('DISABLE_SIGNAL_HANDLERS'), 'Terraform: the native runtime must set DISABLE_SIGNAL_HANDLERS');
  check(locals.includes('var.native_memory_size'), 'Terraform: the native runtime needs a memory size of its own');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`FAIL ${e.stack ?? e}`);
    process.exit(1);
  },
);
