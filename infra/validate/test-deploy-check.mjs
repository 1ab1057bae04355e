#!/usr/bin/env node
// Runs the inline code of the SAM template's DeployCheckFunction (the PreTraffic hook and creation-time check) under
// Node with stand-ins for the two AWS SDK clients and for fetch, and checks its decisions: both readiness answers
// 200 -> Succeeded / SUCCESS; a migration that answers 503 or fails its initialization, or a new version that is not
// ready -> Failed / FAILED; a stack deletion succeeds without invoking anything.
//
//   node test-deploy-check.mjs <sam-template.yaml>
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCfnYaml } from './lib/cfn-yaml.mjs';

const STUBS = {
  '@aws-sdk/client-lambda': `
    class InvokeCommand { constructor(input) { this.input = input; } }
    class LambdaClient { async send(command) { return globalThis.__aws.invoke(command.input); } }
    module.exports = { LambdaClient, InvokeCommand };`,
  '@aws-sdk/client-codedeploy': `
    class PutLifecycleEventHookExecutionStatusCommand { constructor(input) { this.input = input; } }
    class CodeDeployClient { async send(command) { globalThis.__aws.reported.push(command.input); return {}; } }
    module.exports = { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand };`,
};

const answer = (statusCode) => ({ Payload: Buffer.from(JSON.stringify({ statusCode, body: '{}' })) });
const initFailed = { FunctionError: 'Unhandled', Payload: Buffer.from('{"errorType":"Runtime.ExitError"}') };

async function main(argv) {
  if (argv.length !== 1) {
    console.error('usage: node test-deploy-check.mjs <template.yaml>');
    return 2;
  }
  const template = parseCfnYaml(readFileSync(resolve(argv[0]), 'utf8'), argv[0]);
  const code = template.Resources?.DeployCheckFunction?.Properties?.Code?.ZipFile;
  if (typeof code !== 'string') {
    console.error(`FAIL ${argv[0]}: DeployCheckFunction has no inline code`);
    return 1;
  }
  const dir = mkdtempSync(join(tmpdir(), 'deploy-check-'));
  try {
    for (const [name, source] of Object.entries(STUBS)) {
      mkdirSync(join(dir, 'node_modules', name), { recursive: true });
      writeFileSync(join(dir, 'node_modules', name, 'index.js'), source);
    }
    writeFileSync(join(dir, 'index.js'), code);
    process.env.MIGRATE_FUNCTION = 'pollfeed-migrate';
    process.env.API_VERSION = 'arn:aws:lambda:us-east-1:123456789012:function:pollfeed-api:7';
    const { handler } = createRequire(join(dir, 'index.js'))('./index.js');

    const problems = [];
    const run = async (event, answers) => {
      const aws = { invoked: [], reported: [], put: [] };
      aws.invoke = async (input) => {
        aws.invoked.push(input.FunctionName);
        return answers[input.FunctionName];
      };
      globalThis.__aws = aws;
      globalThis.fetch = async (url, init) => {
        aws.put.push({ url, ...init, body: JSON.parse(init.body) });
        return { ok: true };
      };
      await handler(event);
      return aws;
    };
    const hook = { DeploymentId: 'd-1', LifecycleEventHookExecutionId: 'h-1' };
    const create = { RequestType: 'Create', ResponseURL: 'https://cfn.invalid/r', StackId: 's', RequestId: 'r', LogicalResourceId: 'Migration' };
    const migrate = process.env.MIGRATE_FUNCTION;
    const api = process.env.API_VERSION;
    const cases = [
      ['hook, both ready', hook, { [migrate]: answer(200), [api]: answer(200) }, 'Succeeded', [migrate, api]],
      ['hook, migration answers 503', hook, { [migrate]: answer(503), [api]: answer(200) }, 'Failed', [migrate]],
      ['hook, migration fails its initialization', hook, { [migrate]: initFailed, [api]: answer(200) }, 'Failed', [migrate]],
      ['hook, new version not ready', hook, { [migrate]: answer(200), [api]: answer(503) }, 'Failed', [migrate, api]],
      ['create, both ready', create, { [migrate]: answer(200), [api]: answer(200) }, 'SUCCESS', [migrate, api]],
      ['create, migration fails', create, { [migrate]: initFailed }, 'FAILED', [migrate]],
      ['delete', { ...create, RequestType: 'Delete' }, {}, 'SUCCESS', []],
    ];
    for (const [name, event, answers, expected, invoked] of cases) {
      const aws = await run(event, answers);
      const status = event.DeploymentId ? aws.reported[0]?.status : aws.put[0]?.body?.Status;
      if (status !== expected) problems.push(`${name}: reported ${status}, expected ${expected}`);
      if (JSON.stringify(aws.invoked) !== JSON.stringify(invoked)) {
        problems.push(`${name}: invoked ${JSON.stringify(aws.invoked)}, expected ${JSON.stringify(invoked)}`);
      }
      if (event.DeploymentId && aws.reported[0]?.lifecycleEventHookExecutionId !== 'h-1') {
        problems.push(`${name}: did not report to the hook execution it was given`);
      }
      if (!event.DeploymentId && aws.put[0]?.url !== create.ResponseURL) problems.push(`${name}: did not answer CloudFormation`);
    }
    if (problems.length) {
      console.error(`FAIL DeployCheckFunction: ${problems.length} problem(s)`);
      for (const p of problems) console.error(`  - ${p}`);
      return 1;
    }
    console.log(`OK DeployCheckFunction: ${cases.length} cases (PreTraffic hook and creation check decide as expected)`);
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`FAIL ${e.stack ?? e}`);
    process.exit(1);
  },
);
