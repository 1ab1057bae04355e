#!/usr/bin/env node
// What pollfeed itself needs from a deployment, checked on the SAM template and the Terraform module alike, and that
// the two agree (see docs/deploy.md, "Validation", and docs/security.md):
//   node validate-contract.mjs <template.yaml> <terraform-module-dir>
// - the bootstrap admin key is generated into Secrets Manager (48 characters, no punctuation), reaches the API function
//   (and only it) as POLLFEED_SECURITY_ADMIN_KEY through a dynamic reference / the generated value, and its secret's
//   ARN is an output; a JWT secret, when given, comes from Secrets Manager and only reaches the API function too;
// - the API function gets every security setting (public patterns, token keys, issuer, audience, CORS origins);
// - the HTTP API allows and exposes the headers the protocol uses, and throttles its default route;
// - CloudFront: MinTTL 0 (so "private" and "no-store" are honoured), Authorization in the cache key and never in the
//   origin request policy, and no caching of the errors whose "no-store" CloudFront ignores;
// - SAM: a deploy that changes only parameter or secret values can still publish a new API version (ConfigRevision);
// - parity: SAM parameters and Terraform variables (PascalCase / snake_case) with the same defaults, the same outputs,
//   and the same environment variable names per function.
// Exits 1 with one line per problem, 2 on bad usage; prints a one-line summary on success.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { parseCfnYaml } from './lib/cfn-yaml.mjs';

const ADMIN_KEY = 'POLLFEED_SECURITY_ADMIN_KEY';
const JWT_SECRET = 'POLLFEED_SECURITY_JWT_SECRET';
/** Environment variables only the API function may hold: credentials. */
const SECRET_ENV = [ADMIN_KEY, JWT_SECRET];
/** Every security setting the API function must be given (docs/security.md). */
const SECURITY_ENV = [
  ADMIN_KEY,
  'POLLFEED_SECURITY_PUBLIC_READ',
  'POLLFEED_SECURITY_PUBLIC_PUBLISH',
  JWT_SECRET,
  'POLLFEED_SECURITY_JWT_PUBLIC_KEYS',
  'POLLFEED_SECURITY_JWT_JWKS_URL',
  'POLLFEED_SECURITY_JWT_ISSUER',
  'POLLFEED_SECURITY_JWT_AUDIENCE',
  'POLLFEED_CORS_ORIGINS',
];
const CORS = {
  methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
  allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match', 'Idempotency-Key'],
  exposeHeaders: ['ETag', 'Poll-Interval', 'Retry-After', 'Idempotent-Replayed', 'Location'],
};
/** CloudFront honours no-store on 404, 410, 414 and 501 only; it would keep these for 10 s despite it. */
const UNCACHED_ERRORS = [400, 403, 405, 500, 502, 503, 504];
const MIN_ADMIN_KEY_LENGTH = 32;
/** SAM logical id and Terraform aws_lambda_function name of each function. */
const FUNCTIONS = [
  ['ApiFunction', 'api'],
  ['MigrateFunction', 'migrate'],
  ['MaintenanceFunction', 'maintenance'],
];
// Deliberate differences between the two deployments, each with its reason.
const SAM_ONLY_PARAMETERS = new Set(['ConfigRevision']); // Terraform re-reads secrets at every plan and publishes on any change
const TF_ONLY_VARIABLES = new Set(['name', 'package_path', 'database_skip_final_snapshot', 'run_migrations', 'tags']);
const SAM_ONLY_ENV = new Set(['CONFIG_REVISION']); // carries ConfigRevision
const TF_ONLY_OUTPUTS = new Set(['migration_result']); // Terraform runs the migration itself

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const snake = (pascal) => pascal.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const lower = (list) => list.map((s) => String(s).toLowerCase());

async function main(argv) {
  if (argv.length !== 2) {
    console.error('usage: node validate-contract.mjs <template.yaml> <terraform-module-dir>');
    return 2;
  }
  const [templatePath, moduleDir] = argv.map((p) => resolve(p));
  const errors = [];
  let checks = 0;
  const check = (ok, message) => {
    checks++;
    if (!ok) errors.push(message);
    return ok;
  };

  let sam;
  let tf;
  try {
    sam = samModel(parseCfnYaml(readFileSync(templatePath, 'utf8'), templatePath));
    tf = await tfModel(moduleDir);
  } catch (e) {
    console.error(`FAIL ${e.message ?? e}`);
    return 1;
  }

  checkSam(sam, check);
  checkTerraform(tf, check);
  checkParity(sam, tf, check);
  checkFrontDoors(sam, tf, check);

  if (errors.length) {
    console.error(`FAIL deployment contract: ${errors.length} problem(s)`);
    for (const e of errors) console.error(`  - ${e}`);
    return 1;
  }
  console.log(`OK deployment contract: ${checks} check(s) on ${templatePath} and ${moduleDir}`);
  return 0;
}

// --- SAM ---------------------------------------------------------------------------------------------------------

function samModel(template) {
  const resources = isObject(template.Resources) ? template.Resources : {};
  const globalsEnv = template.Globals?.Function?.Environment?.Variables ?? {};
  const ownEnv = (id) => resources[id]?.Properties?.Environment?.Variables ?? {};
  return {
    template,
    resources,
    parameters: isObject(template.Parameters) ? template.Parameters : {},
    outputs: isObject(template.Outputs) ? template.Outputs : {},
    globalsEnv,
    ownEnv,
    /** What a function sees: Globals, then its own variables. */
    env: (id) => ({ ...globalsEnv, ...ownEnv(id) }),
    ofType: (type) => Object.entries(resources).filter(([, r]) => r?.Type === type),
  };
}

/** The values a property may take: the branches of Fn::If, without AWS::NoValue. */
function branches(value) {
  if (isObject(value) && Array.isArray(value['Fn::If']) && value['Fn::If'].length === 3) {
    return [...branches(value['Fn::If'][1]), ...branches(value['Fn::If'][2])];
  }
  if (isObject(value) && value.Ref === 'AWS::NoValue') return [];
  return [value];
}

/** Every string inside a value (Sub templates included). */
function strings(value, out = []) {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (isObject(value)) Object.values(value).forEach((v) => strings(v, out));
  return out;
}

function checkSam(sam, check) {
  const { resources } = sam;
  for (const [id] of FUNCTIONS) check(resources[id]?.Type === 'AWS::Serverless::Function', `SAM: no function ${id}`);
  const apiEnv = sam.env('ApiFunction');

  // The admin key: a generated secret, given to the API function through a dynamic reference.
  const adminKey = apiEnv[ADMIN_KEY];
  if (
    check(
      adminKey !== undefined,
      `SAM: ApiFunction: ${ADMIN_KEY} is not set: the service would start without an admin key, and no API key could ever be created`,
    )
  ) {
    const reference = strings(adminKey)
      .map((s) => s.match(/^\{\{resolve:secretsmanager:\$\{(\w+)\}(:SecretString)?\}\}$/))
      .find(Boolean);
    if (
      check(
        branches(adminKey).length === 1 && reference,
        `SAM: ApiFunction: ${ADMIN_KEY} must be exactly "{{resolve:secretsmanager:\${<secret>}:SecretString}}" (a Secrets Manager dynamic reference, never a parameter or literal)`,
      )
    ) {
      const secretId = reference[1];
      const secret = resources[secretId];
      if (check(secret?.Type === 'AWS::SecretsManager::Secret', `SAM: ${ADMIN_KEY} refers to ${secretId}, which is not an AWS::SecretsManager::Secret`)) {
        const generate = secret.Properties?.GenerateSecretString ?? {};
        check(secret.Condition === undefined, `SAM: ${secretId} must exist unconditionally: every deployment needs an admin key`);
        check(
          Number(generate.PasswordLength) >= MIN_ADMIN_KEY_LENGTH,
          `SAM: ${secretId}: GenerateSecretString.PasswordLength must be at least ${MIN_ADMIN_KEY_LENGTH} (the service refuses shorter admin keys)`,
        );
        check(
          generate.ExcludePunctuation === true,
          `SAM: ${secretId}: GenerateSecretString.ExcludePunctuation must be true (punctuation is outside the bearer-token alphabet the service accepts)`,
        );
        check(
          generate.SecretStringTemplate === undefined && generate.GenerateStringKey === undefined,
          `SAM: ${secretId}: the admin key secret must be a plain string, not JSON`,
        );
        check(
          Object.values(sam.outputs).some((o) => isObject(o?.Value) && o.Value.Ref === secretId && o.Condition === undefined),
          `SAM: no output gives the ARN of ${secretId} (operators read the admin key through it)`,
        );
      }
    }
  }

  // A JWT secret, when given, comes from Secrets Manager too.
  for (const value of branches(apiEnv[JWT_SECRET])) {
    check(
      strings(value).some((s) => s.startsWith('{{resolve:secretsmanager:')),
      `SAM: ApiFunction: ${JWT_SECRET} must be a Secrets Manager dynamic reference, never a parameter value or literal`,
    );
  }

  // Credentials reach the API function only.
  for (const name of SECRET_ENV) {
    check(!(name in sam.globalsEnv), `SAM: Globals: ${name} would reach every function; give it to ApiFunction only`);
    for (const [id] of FUNCTIONS.filter(([id]) => id !== 'ApiFunction')) {
      check(!(name in sam.ownEnv(id)), `SAM: ${id}: ${name} must reach ApiFunction only (this function serves no authenticated endpoint)`);
    }
  }
  for (const name of SECURITY_ENV) check(name in apiEnv, `SAM: ApiFunction: ${name} is not wired`);

  // The HTTP API: CORS for the protocol's headers, and the throttling that is the request limit on Lambda.
  for (const [id, api] of sam.ofType('AWS::Serverless::HttpApi')) {
    const cors = api.Properties?.CorsConfiguration;
    for (const config of branches(cors)) {
      if (!check(isObject(config), `SAM: ${id}.CorsConfiguration must be a mapping in every branch`)) continue;
      checkList(check, `SAM: ${id}.CorsConfiguration.AllowMethods`, config.AllowMethods, CORS.methods);
      checkList(check, `SAM: ${id}.CorsConfiguration.AllowHeaders`, config.AllowHeaders, CORS.allowHeaders);
      checkList(check, `SAM: ${id}.CorsConfiguration.ExposeHeaders`, config.ExposeHeaders, CORS.exposeHeaders);
      check(config.AllowCredentials !== true, `SAM: ${id}.CorsConfiguration: no AllowCredentials (credentials travel in Authorization, not cookies)`);
    }
    const route = api.Properties?.DefaultRouteSettings ?? {};
    check(
      route.ThrottlingBurstLimit !== undefined && route.ThrottlingRateLimit !== undefined,
      `SAM: ${id}.DefaultRouteSettings must set ThrottlingBurstLimit and ThrottlingRateLimit: the only request limit on Lambda`,
    );
  }
  check(sam.ofType('AWS::Serverless::HttpApi').length > 0, 'SAM: no AWS::Serverless::HttpApi');

  // CloudFront.
  for (const [id, policy] of sam.ofType('AWS::CloudFront::CachePolicy')) {
    const config = policy.Properties?.CachePolicyConfig ?? {};
    check(config.MinTTL === 0, `SAM: ${id}: MinTTL must be 0, or CloudFront keeps "private" and "no-store" answers`);
    const headers = config.ParametersInCacheKeyAndForwardedToOrigin?.HeadersConfig;
    for (const h of branches(headers)) {
      const names = branches(h?.Headers).flatMap((list) => (Array.isArray(list) ? lower(list) : []));
      check(
        h?.HeaderBehavior === 'whitelist' && names.includes('authorization'),
        `SAM: ${id}: the cache key must include the Authorization header in every branch (CloudFront forwards it on GET only from the cache key, and a cached answer must never reach other credentials)`,
      );
    }
  }
  for (const [id, policy] of sam.ofType('AWS::CloudFront::OriginRequestPolicy')) {
    const headers = policy.Properties?.OriginRequestPolicyConfig?.HeadersConfig;
    for (const h of branches(headers)) {
      const names = branches(h?.Headers).flatMap((list) => (Array.isArray(list) ? lower(list) : []));
      check(
        !names.includes('authorization') && !String(h?.HeaderBehavior).startsWith('allViewer'),
        `SAM: ${id}: the origin request policy must not forward Authorization outside the cache key (CloudFront rejects it, and it would let cached answers cross credentials)`,
      );
    }
  }
  for (const [id, distribution] of sam.ofType('AWS::CloudFront::Distribution')) {
    const responses = distribution.Properties?.DistributionConfig?.CustomErrorResponses ?? [];
    for (const code of UNCACHED_ERRORS) {
      check(
        Array.isArray(responses) && responses.some((r) => Number(r?.ErrorCode) === code && r?.ErrorCachingMinTTL === 0),
        `SAM: ${id}: CustomErrorResponses must set ErrorCachingMinTTL 0 for ${code} (CloudFront ignores no-store on it and would keep it for 10 s)`,
      );
    }
  }

  // A deploy that changes only parameter or secret values must still be able to reach the published version.
  const api = resources.ApiFunction?.Properties ?? {};
  if (api.AutoPublishAlias !== undefined) {
    check(
      api.AutoPublishCodeSha256 === undefined,
      'SAM: ApiFunction: no AutoPublishCodeSha256: it replaces the hash of the code, so a new function.zip would publish no version',
    );
    const revision = strings(api.VersionDescription)
      .flatMap((s) => [...s.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]))
      .find((name) => sam.parameters[name]?.Type === 'String');
    if (
      check(
        revision !== undefined,
        'SAM: ApiFunction: VersionDescription must include a revision parameter (ConfigRevision): SAM publishes no new version when only parameter or secret values change',
      )
    ) {
      for (const [id] of FUNCTIONS) {
        check(
          Object.values(sam.env(id)).some((v) => isObject(v) && v.Ref === revision),
          `SAM: ${id}: no environment variable carries ${revision}, so changing it would not make CloudFormation re-read this function's secrets`,
        );
      }
    }
  }
}

function checkList(check, where, actual, required) {
  const have = Array.isArray(actual) ? lower(actual) : [];
  const missing = required.filter((r) => !have.includes(r.toLowerCase()));
  check(missing.length === 0, `${where} lacks ${missing.join(', ')}`);
}

// --- Terraform ---------------------------------------------------------------------------------------------------

async function tfModel(dir) {
  const model = { dir, locals: {}, resources: {}, data: {}, variables: {}, outputs: {} };
  for (const f of readdirSync(dir).filter((name) => name.endsWith('.tf')).sort()) {
    let json;
    try {
      json = await parse(f, readFileSync(join(dir, f), 'utf8'));
    } catch (e) {
      throw new Error(`${join(dir, f)}: ${String(e.message ?? e).trim()}`);
    }
    for (const block of json.locals ?? []) Object.assign(model.locals, block);
    for (const [kind, target] of [
      ['resource', model.resources],
      ['data', model.data],
    ]) {
      for (const [type, byName] of Object.entries(json[kind] ?? {})) {
        target[type] ??= {};
        for (const [name, bodies] of Object.entries(byName)) target[type][name] = bodies[0];
      }
    }
    for (const [name, bodies] of Object.entries(json.variable ?? {})) model.variables[name] = bodies[0];
    for (const [name, bodies] of Object.entries(json.output ?? {})) model.outputs[name] = bodies[0];
  }
  return model;
}

/** The text of an expression with the text of every local it uses, recursively. */
function withLocals(tf, value, seen = new Set()) {
  let text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  for (const [, name] of text.matchAll(/\blocal\.(\w+)/g)) {
    if (seen.has(name) || !(name in tf.locals)) continue;
    seen.add(name);
    text += `\n${withLocals(tf, tf.locals[name], seen)}`;
  }
  return text;
}

/** Environment variable names assigned in an expression (KEY = ...), locals included. */
function envNames(text) {
  return new Set([...text.matchAll(/\b([A-Z][A-Z0-9_]{2,})\s*=(?!=)/g)].map((m) => m[1]));
}

/** A value written as "${local.a.b}" resolved through the locals, or the value itself. */
function resolveLocal(tf, value) {
  const path = typeof value === 'string' ? value.match(/^\$\{local\.([\w.]+)\}$/) : null;
  if (!path) return value;
  return path[1].split('.').reduce((v, key) => (isObject(v) ? v[key] : undefined), tf.locals);
}

/** A nested block, written plainly or as a dynamic block (its content). */
function block(body, name) {
  if (Array.isArray(body?.[name])) return body[name][0];
  const dynamic = body?.dynamic?.[name]?.[0];
  return dynamic ? { ...dynamic.content?.[0], for_each: dynamic.for_each } : undefined;
}

function checkTerraform(tf, check) {
  const functions = tf.resources.aws_lambda_function ?? {};
  const envText = (name) => withLocals(tf, functions[name]?.environment?.[0]?.variables);
  for (const [, name] of FUNCTIONS) check(functions[name] !== undefined, `Terraform: no aws_lambda_function.${name}`);
  const apiText = envText('api');
  const apiNames = envNames(apiText);

  // The admin key: a generated password, stored as a secret, given to the API function.
  const assigned = apiText.match(new RegExp(`\\b${ADMIN_KEY}\\s*=\\s*random_password\\.(\\w+)\\.result`));
  if (
    check(
      apiNames.has(ADMIN_KEY),
      `Terraform: aws_lambda_function.api: ${ADMIN_KEY} is not set: the service would start without an admin key, and no API key could ever be created`,
    ) &&
    check(assigned, `Terraform: aws_lambda_function.api: ${ADMIN_KEY} must be a generated random_password's result`)
  ) {
    const password = tf.resources.random_password?.[assigned[1]] ?? {};
    check(
      Number(password.length) >= MIN_ADMIN_KEY_LENGTH,
      `Terraform: random_password.${assigned[1]}: length must be at least ${MIN_ADMIN_KEY_LENGTH} (the service refuses shorter admin keys)`,
    );
    check(
      password.special === false,
      `Terraform: random_password.${assigned[1]}: special must be false (punctuation is outside the bearer-token alphabet the service accepts)`,
    );
    check(password.count === undefined, `Terraform: random_password.${assigned[1]} must exist unconditionally: every deployment needs an admin key`);
    const version = Object.entries(tf.resources.aws_secretsmanager_secret_version ?? {}).find(
      ([, v]) => v.secret_string === `\${random_password.${assigned[1]}.result}`,
    );
    if (check(version, `Terraform: no aws_secretsmanager_secret_version stores random_password.${assigned[1]} (operators read the admin key from Secrets Manager)`)) {
      const secret = String(version[1].secret_id).match(/aws_secretsmanager_secret\.(\w+)\./)?.[1];
      check(
        secret && Object.values(tf.outputs).some((o) => String(o.value).includes(`aws_secretsmanager_secret.${secret}.arn`)),
        `Terraform: no output gives the ARN of aws_secretsmanager_secret.${secret} (operators read the admin key through it)`,
      );
    }
  }
  check(
    !apiNames.has(JWT_SECRET) || /POLLFEED_SECURITY_JWT_SECRET\s*=\s*data\.aws_secretsmanager_secret_version\./.test(apiText),
    `Terraform: aws_lambda_function.api: ${JWT_SECRET} must come from an aws_secretsmanager_secret_version data source`,
  );

  // Credentials reach the API function only.
  for (const [, name] of FUNCTIONS.filter(([, name]) => name !== 'api')) {
    const names = envNames(envText(name));
    for (const secret of SECRET_ENV) {
      check(!names.has(secret), `Terraform: aws_lambda_function.${name}: ${secret} must reach the API function only (this function serves no authenticated endpoint)`);
    }
  }
  for (const name of SECURITY_ENV) check(apiNames.has(name), `Terraform: aws_lambda_function.api: ${name} is not wired`);

  // The HTTP API.
  for (const [name, api] of Object.entries(tf.resources.aws_apigatewayv2_api ?? {})) {
    const cors = block(api, 'cors_configuration');
    if (!check(cors, `Terraform: aws_apigatewayv2_api.${name}: no cors_configuration`)) continue;
    checkList(check, `Terraform: aws_apigatewayv2_api.${name} allow_methods`, resolveLocal(tf, cors.allow_methods), CORS.methods);
    checkList(check, `Terraform: aws_apigatewayv2_api.${name} allow_headers`, resolveLocal(tf, cors.allow_headers), CORS.allowHeaders);
    checkList(check, `Terraform: aws_apigatewayv2_api.${name} expose_headers`, resolveLocal(tf, cors.expose_headers), CORS.exposeHeaders);
    check(cors.allow_credentials !== true, `Terraform: aws_apigatewayv2_api.${name}: no allow_credentials (credentials travel in Authorization, not cookies)`);
  }
  for (const [name, stage] of Object.entries(tf.resources.aws_apigatewayv2_stage ?? {})) {
    const route = stage.default_route_settings?.[0] ?? {};
    check(
      route.throttling_burst_limit !== undefined && route.throttling_rate_limit !== undefined,
      `Terraform: aws_apigatewayv2_stage.${name}: default_route_settings must set throttling_burst_limit and throttling_rate_limit: the only request limit on Lambda`,
    );
  }

  // CloudFront.
  for (const [name, policy] of Object.entries(tf.resources.aws_cloudfront_cache_policy ?? {})) {
    check(policy.min_ttl === 0, `Terraform: aws_cloudfront_cache_policy.${name}: min_ttl must be 0, or CloudFront keeps "private" and "no-store" answers`);
    const headers = policy.parameters_in_cache_key_and_forwarded_to_origin?.[0]?.headers_config?.[0] ?? {};
    const items = withLocals(tf, block(headers, 'headers')?.items);
    check(
      headers.header_behavior === 'whitelist' && /\bAuthorization\b/.test(items),
      `Terraform: aws_cloudfront_cache_policy.${name}: the cache key must include the Authorization header (CloudFront forwards it on GET only from the cache key, and a cached answer must never reach other credentials)`,
    );
  }
  for (const [name, policy] of Object.entries(tf.resources.aws_cloudfront_origin_request_policy ?? {})) {
    const headers = policy.headers_config?.[0] ?? {};
    const items = withLocals(tf, block(headers, 'headers')?.items);
    check(
      !/\bAuthorization\b/i.test(items) && !String(headers.header_behavior).startsWith('allViewer'),
      `Terraform: aws_cloudfront_origin_request_policy.${name}: must not forward Authorization outside the cache key (CloudFront rejects it, and it would let cached answers cross credentials)`,
    );
  }
  for (const [name, distribution] of Object.entries(tf.resources.aws_cloudfront_distribution ?? {})) {
    const plain = Array.isArray(distribution.custom_error_response) ? distribution.custom_error_response : [];
    const dynamic = distribution.dynamic?.custom_error_response?.[0];
    const codes = new Set(plain.filter((r) => r.error_caching_min_ttl === 0).map((r) => Number(r.error_code)));
    if (dynamic && dynamic.content?.[0]?.error_caching_min_ttl === 0) {
      for (const [code] of withLocals(tf, dynamic.for_each).matchAll(/\b[45]\d\d\b/g)) codes.add(Number(code));
    }
    for (const code of UNCACHED_ERRORS) {
      check(
        codes.has(code),
        `Terraform: aws_cloudfront_distribution.${name}: custom_error_response must set error_caching_min_ttl 0 for ${code} (CloudFront ignores no-store on it and would keep it for 10 s)`,
      );
    }
  }
}

// --- Parity ------------------------------------------------------------------------------------------------------

function checkParity(sam, tf, check) {
  const variables = new Set(Object.keys(tf.variables));
  for (const [name, parameter] of Object.entries(sam.parameters)) {
    if (SAM_ONLY_PARAMETERS.has(name)) continue;
    const variable = snake(name);
    if (!check(variables.has(variable), `parity: SAM parameter ${name} has no Terraform variable ${variable}`)) continue;
    const tfDefault = tf.variables[variable].default;
    const samDefault = parameter?.Default;
    const same = Array.isArray(tfDefault)
      ? JSON.stringify(String(samDefault ?? '').split(',').filter((s) => s !== '')) === JSON.stringify(tfDefault.map(String))
      : String(samDefault) === String(tfDefault);
    check(same, `parity: default of SAM ${name} (${JSON.stringify(samDefault)}) differs from Terraform ${variable} (${JSON.stringify(tfDefault)})`);
  }
  const parameters = new Set(Object.keys(sam.parameters).map(snake));
  for (const variable of variables) {
    if (TF_ONLY_VARIABLES.has(variable)) continue;
    check(parameters.has(variable), `parity: Terraform variable ${variable} has no SAM parameter`);
  }

  const samOutputs = new Set(Object.keys(sam.outputs).map(snake));
  for (const output of Object.keys(tf.outputs)) {
    if (TF_ONLY_OUTPUTS.has(output)) continue;
    check(samOutputs.has(output), `parity: Terraform output ${output} has no SAM output`);
  }
  for (const output of samOutputs) check(output in tf.outputs, `parity: SAM output ${output} has no Terraform output`);

  const functions = tf.resources.aws_lambda_function ?? {};
  for (const [id, name] of FUNCTIONS) {
    const samNames = new Set(Object.keys(sam.env(id)).filter((n) => !SAM_ONLY_ENV.has(n)));
    const tfNames = envNames(withLocals(tf, functions[name]?.environment?.[0]?.variables));
    const onlySam = [...samNames].filter((n) => !tfNames.has(n));
    const onlyTf = [...tfNames].filter((n) => !samNames.has(n));
    check(onlySam.length === 0, `parity: ${id} gets ${onlySam.join(', ')} in SAM but not aws_lambda_function.${name} in Terraform`);
    check(onlyTf.length === 0, `parity: aws_lambda_function.${name} gets ${onlyTf.join(', ')} in Terraform but not ${id} in SAM`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`FAIL ${e.stack ?? e}`);
    process.exit(1);
  },
);

// --- Front doors without a per-request fee (docs/deploy.md, 9) ---------------------------------------------------

const FRONT_DOORS = ['http-api', 'function-url', 'alb'];
const FRONT_DOOR_HANDLER = 'dev.pollfeed.lambda.FrontDoorHandler::handleRequest';

/**
 * Both deployments offer a function URL and a load balancer beside the HTTP API; each reaches alias "live" (the
 * SnapStart version); the load balancer sends multi-value headers (repeated query parameters must reach the service,
 * which answers 400 as behind the HTTP API); and the JVM handler is the one that reads load balancer events.
 */
function checkFrontDoors(sam, tf, check) {
  const parameter = sam.parameters.FrontDoor ?? {};
  check(
    JSON.stringify(parameter.AllowedValues ?? []) === JSON.stringify(FRONT_DOORS) && parameter.Default === 'http-api',
    `SAM: parameter FrontDoor must allow ${FRONT_DOORS.join(', ')} and default to http-api`,
  );
  const handler = sam.template.Globals?.Function?.Handler;
  check(
    branches(handler).includes(FRONT_DOOR_HANDLER),
    `SAM: Globals.Function.Handler must be ${FRONT_DOOR_HANDLER} on the JVM: Quarkus's own handler reads no load balancer events`,
  );
  const urls = sam.ofType('AWS::Lambda::Url');
  check(urls.length === 1, 'SAM: one AWS::Lambda::Url (FrontDoor=function-url)');
  for (const [id, url] of urls) {
    check(url.Properties?.TargetFunctionArn?.Ref === 'ApiFunction.Alias', `SAM: ${id}: must target ApiFunction.Alias`);
    check(url.Condition !== undefined, `SAM: ${id}: must be conditional on FrontDoor`);
  }
  const permissions = sam.ofType('AWS::Lambda::Permission').map(([, p]) => p.Properties ?? {});
  check(
    permissions.some((p) => p.Action === 'lambda:InvokeFunctionUrl' && p.FunctionUrlAuthType === 'NONE'),
    'SAM: the function URL needs a lambda:InvokeFunctionUrl permission with FunctionUrlAuthType NONE',
  );
  check(
    permissions.some((p) => p.Principal === 'elasticloadbalancing.amazonaws.com' && p.FunctionName?.Ref === 'ApiFunction.Alias'),
    'SAM: the load balancer needs a permission to invoke ApiFunction.Alias',
  );
  const groups = sam.ofType('AWS::ElasticLoadBalancingV2::TargetGroup');
  check(groups.length === 1, 'SAM: one AWS::ElasticLoadBalancingV2::TargetGroup (FrontDoor=alb)');
  for (const [id, group] of groups) {
    const p = group.Properties ?? {};
    check(p.TargetType === 'lambda', `SAM: ${id}: TargetType must be lambda`);
    check(
      (p.Targets ?? []).some((t) => t?.Id?.Ref === 'ApiFunction.Alias'),
      `SAM: ${id}: must target ApiFunction.Alias`,
    );
    check(
      (p.TargetGroupAttributes ?? []).some((a) => a.Key === 'lambda.multi_value_headers.enabled' && a.Value === 'true'),
      `SAM: ${id}: lambda.multi_value_headers.enabled must be "true": without it a repeated query parameter loses values silently`,
    );
  }

  const variable = tf.variables.front_door ?? {};
  check(
    variable.default === 'http-api' && FRONT_DOORS.every((d) => JSON.stringify(variable.validation ?? '').includes(d)),
    `Terraform: variable front_door must default to http-api and validate ${FRONT_DOORS.join(', ')}`,
  );
  check(
    withLocals(tf, tf.locals.handler).includes(FRONT_DOOR_HANDLER),
    `Terraform: local.handler must be ${FRONT_DOOR_HANDLER} on the JVM: Quarkus's own handler reads no load balancer events`,
  );
  const tfUrls = Object.entries(tf.resources.aws_lambda_function_url ?? {});
  check(tfUrls.length === 1, 'Terraform: one aws_lambda_function_url (front_door = "function-url")');
  for (const [name, url] of tfUrls) {
    check(String(url.qualifier ?? '').includes('aws_lambda_alias.live'), `Terraform: aws_lambda_function_url.${name}: qualifier must be alias live`);
  }
  const tfGroups = Object.entries(tf.resources.aws_lb_target_group ?? {});
  check(tfGroups.length === 1, 'Terraform: one aws_lb_target_group (front_door = "alb")');
  for (const [name, group] of tfGroups) {
    check(group.target_type === 'lambda', `Terraform: aws_lb_target_group.${name}: target_type must be lambda`);
    check(
      group.lambda_multi_value_headers_enabled === true,
      `Terraform: aws_lb_target_group.${name}: lambda_multi_value_headers_enabled must be true: without it a repeated query parameter loses values silently`,
    );
  }
  const attachments = Object.values(tf.resources.aws_lb_target_group_attachment ?? {});
  check(
    attachments.some((a) => String(a.target_id ?? '').includes('aws_lambda_alias.live')),
    'Terraform: the load balancer target group must attach alias live',
  );
}
