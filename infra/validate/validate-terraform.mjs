#!/usr/bin/env node
// Offline validation of Terraform configurations (see docs/deploy.md, "Validation"):
//   node validate-terraform.mjs <dir>...
// Each directory is one Terraform module. Every *.tf file is parsed with @cdktf/hcl2json (so syntax errors fail),
// then:
// - no block is declared twice (variable, local, output, module, resource, data source);
// - every var.X has a variable block, every local.X a local, every module.X a module block (and module.X.OUT an
//   output of that module when its source is a local directory), every data.T.N and every resource reference T.N
//   a declaration in the same module; count.* / each.* only in blocks with count / for_each; a resource with count
//   is indexed, one without is not;
// - every module block with a local source passes only variables that module declares, and every variable of it
//   that has no default;
// - files read relative to the module (file("${path.module}/...") and the like) exist.
// Exits 1 with one line per problem, 2 on bad usage; prints a one-line summary per directory on success.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getReferencesInExpression, parse } from '@cdktf/hcl2json';

const META_MODULE_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);
const ALWAYS_AVAILABLE = new Set(['path', 'terraform']);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function suggest(name, candidates) {
  const lower = name.toLowerCase();
  let best;
  let bestScore = Infinity;
  for (const c of candidates) {
    const score = levenshtein(lower, c.toLowerCase());
    if (score < bestScore) [best, bestScore] = [c, score];
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean ${best}?)` : '';
}

function levenshtein(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** Parses every .tf file of a directory into one declaration table. */
async function loadModule(dir, errors) {
  const module = {
    dir,
    variables: new Map(), // name -> {file, hasDefault}
    locals: new Map(), // name -> {file, value}
    outputs: new Map(), // name -> {file, body}
    modules: new Map(), // name -> {file, body}
    resources: new Map(), // "type.name" -> {file, body}
    data: new Map(), // "type.name" -> {file, body}
    providers: [], // {file, body}
    files: [],
  };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    errors.push(`${dir}: not a directory`);
    return module;
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.tf')).sort();
  if (files.length === 0) errors.push(`${dir}: no .tf files`);
  const declare = (table, key, value, kind, file) => {
    if (table.has(key)) errors.push(`${file}: ${kind} ${key} is declared twice (also in ${table.get(key).file})`);
    else table.set(key, { file, ...value });
  };
  for (const f of files) {
    const file = join(dir, f);
    module.files.push(file);
    let json;
    try {
      json = await parse(f, readFileSync(file, 'utf8'));
    } catch (e) {
      errors.push(`${file}: ${String(e.message ?? e).trim()}`);
      continue;
    }
    for (const [name, bodies] of Object.entries(json.variable ?? {})) {
      for (const body of bodies) {
        declare(module.variables, name, { hasDefault: isObject(body) && 'default' in body, body }, 'variable', file);
      }
    }
    for (const block of json.locals ?? []) {
      for (const [name, value] of Object.entries(block)) declare(module.locals, name, { value }, 'local', file);
    }
    for (const [name, bodies] of Object.entries(json.output ?? {})) {
      for (const body of bodies) {
        if (!isObject(body) || !('value' in body)) errors.push(`${file}: output ${name} has no value`);
        declare(module.outputs, name, { body }, 'output', file);
      }
    }
    for (const [name, bodies] of Object.entries(json.module ?? {})) {
      for (const body of bodies) {
        if (!isObject(body) || typeof body.source !== 'string') errors.push(`${file}: module ${name} has no source`);
        declare(module.modules, name, { body }, 'module', file);
      }
    }
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, bodies] of Object.entries(byName)) {
        for (const body of bodies) declare(module.resources, `${type}.${name}`, { body }, 'resource', file);
      }
    }
    for (const [type, byName] of Object.entries(json.data ?? {})) {
      for (const [name, bodies] of Object.entries(byName)) {
        for (const body of bodies) declare(module.data, `${type}.${name}`, { body }, 'data source', file);
      }
    }
    for (const [, bodies] of Object.entries(json.provider ?? {})) {
      for (const body of bodies) module.providers.push({ file, body });
    }
  }
  return module;
}

/** Every string in a parsed block that holds an expression or a template. */
function expressions(node, skipKeys, out = []) {
  if (typeof node === 'string') {
    if (node.includes('${') || node.includes('%{')) out.push(node);
  } else if (Array.isArray(node)) {
    node.forEach((n) => expressions(n, skipKeys, out));
  } else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) if (!skipKeys.has(k)) expressions(v, skipKeys, out);
  }
  return out;
}

/** Names of the iterators that dynamic blocks introduce (the block label, or its `iterator`). */
function dynamicIterators(node, out = new Set()) {
  if (Array.isArray(node)) node.forEach((n) => dynamicIterators(n, out));
  else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'dynamic' && isObject(v)) {
        for (const [label, blocks] of Object.entries(v)) {
          out.add(label);
          for (const b of [].concat(blocks)) if (typeof b?.iterator === 'string') out.add(b.iterator.replace(/^\$\{(.*)\}$/, '$1'));
        }
      }
      dynamicIterators(v, out);
    }
  }
  return out;
}

async function checkReferences(module, loadLocalModule, errors) {
  const hasIteration = (body) => ({ count: isObject(body) && 'count' in body, forEach: isObject(body) && 'for_each' in body });
  const blocks = [];
  for (const [name, v] of module.locals) blocks.push({ where: `${v.file}: local.${name}`, body: v.value });
  for (const [key, v] of module.resources) blocks.push({ where: `${v.file}: resource ${key}`, body: v.body, self: true });
  for (const [key, v] of module.data) blocks.push({ where: `${v.file}: data ${key}`, body: v.body });
  for (const [name, v] of module.modules) blocks.push({ where: `${v.file}: module ${name}`, body: v.body });
  for (const [name, v] of module.outputs) blocks.push({ where: `${v.file}: output ${name}`, body: v.body });
  for (const [name, v] of module.variables) {
    if (isObject(v.body) && v.body.validation) blocks.push({ where: `${v.file}: variable ${name}`, body: { validation: v.body.validation } });
  }
  for (const p of module.providers) blocks.push({ where: `${p.file}: provider`, body: p.body });

  let count = 0;
  for (const block of blocks) {
    const iterators = dynamicIterators(block.body);
    const { count: hasCount, forEach: hasForEach } = hasIteration(block.body);
    for (const expression of expressions(block.body, new Set(['ignore_changes', 'type']))) {
      // Files a module reads relative to itself must exist (e.g. file("${path.module}/../../../migrate-event.json")).
      for (const [, fn, relative] of expression.matchAll(/\b(file|filebase64|filebase64sha256|filesha256|templatefile)\(\s*"\$\{path\.module\}([^"$]*)"/g)) {
        if (!existsSync(join(module.dir, relative))) {
          errors.push(`${block.where}: ${fn}("\${path.module}${relative}"): no such file ${join(module.dir, relative)}`);
        }
      }
      let references;
      try {
        references = await getReferencesInExpression('main.tf', expression);
      } catch (e) {
        errors.push(`${block.where}: cannot parse expression ${JSON.stringify(expression)}: ${e.message ?? e}`);
        continue;
      }
      for (const { value } of references) {
        count++;
        const parts = value.split('.');
        const [head] = parts;
        const problem = (message) => errors.push(`${block.where}: ${value}: ${message}`);
        if (head === 'var') {
          if (!module.variables.has(parts[1])) problem(`no variable "${parts[1]}" is declared${suggest(parts[1], module.variables.keys())}`);
        } else if (head === 'local') {
          if (!module.locals.has(parts[1])) problem(`no local "${parts[1]}" is declared${suggest(parts[1], module.locals.keys())}`);
        } else if (head === 'module') {
          const call = module.modules.get(parts[1]);
          if (!call) {
            problem(`no module "${parts[1]}" is declared${suggest(parts[1], module.modules.keys())}`);
          } else if (parts[2] !== undefined) {
            const child = await loadLocalModule(module, call.body);
            if (child && !child.outputs.has(parts[2])) {
              problem(`module "${parts[1]}" (${call.body.source}) has no output "${parts[2]}"${suggest(parts[2], child.outputs.keys())}`);
            }
          }
        } else if (head === 'data') {
          const key = `${parts[1]}.${parts[2]}`;
          if (!module.data.has(key)) problem(`no data source ${key} is declared${suggest(key, module.data.keys())}`);
          else checkIndexing(module.data.get(key).body, parts[3], problem);
        } else if (head === 'count') {
          if (!hasCount) problem('count.* used in a block without count');
        } else if (head === 'each') {
          if (!hasForEach) problem('each.* used in a block without for_each');
        } else if (head === 'self') {
          if (!block.self) problem('self.* is only available in provisioners and connections');
        } else if (ALWAYS_AVAILABLE.has(head) || iterators.has(head)) {
          // path.module, terraform.workspace, dynamic block iterators
        } else if (/^[a-z][a-z0-9]*_[a-z0-9_]+$/.test(head) && parts.length >= 2) {
          const key = `${parts[0]}.${parts[1]}`;
          if (!module.resources.has(key)) problem(`no resource ${key} is declared${suggest(key, module.resources.keys())}`);
          else checkIndexing(module.resources.get(key).body, parts[2], problem);
        } else {
          problem('unknown reference');
        }
      }
    }
  }
  return count;
}

/** A resource with count must be indexed ([0]); one without count or for_each must not be. */
function checkIndexing(body, next, problem) {
  const counted = isObject(body) && 'count' in body;
  const forEach = isObject(body) && 'for_each' in body;
  if (next === undefined) return; // the whole resource, a splat or an index by expression
  const numeric = /^\d+$/.test(next);
  if (counted && !numeric) problem('this resource has count: index it, e.g. [0]');
  if (!counted && !forEach && numeric) problem('this resource has neither count nor for_each: it cannot be indexed');
}

async function checkModuleCalls(module, loadLocalModule, errors) {
  for (const [name, call] of module.modules) {
    const child = await loadLocalModule(module, call.body);
    if (!child) continue;
    const where = `${call.file}: module ${name} (${call.body.source})`;
    for (const argument of Object.keys(call.body)) {
      if (META_MODULE_ARGUMENTS.has(argument)) continue;
      if (!child.variables.has(argument)) {
        errors.push(`${where}: passes "${argument}", which the module does not declare${suggest(argument, child.variables.keys())}`);
      }
    }
    for (const [variable, declaration] of child.variables) {
      if (!declaration.hasDefault && !(variable in call.body)) {
        errors.push(`${where}: does not pass the required variable "${variable}" (it has no default)`);
      }
    }
  }
}

async function main(dirs) {
  if (dirs.length === 0) {
    console.error('usage: node validate-terraform.mjs <dir>...');
    return 2;
  }
  const errors = [];
  const cache = new Map();
  const loadLocalModule = async (parent, callBody) => {
    const source = callBody?.source;
    if (typeof source !== 'string' || !(source.startsWith('./') || source.startsWith('../'))) return null;
    const dir = resolve(parent.dir, source);
    if (!cache.has(dir)) cache.set(dir, loadModule(dir, errors));
    return cache.get(dir);
  };
  const summaries = [];
  for (const d of dirs) {
    const dir = resolve(d);
    if (!cache.has(dir)) cache.set(dir, loadModule(dir, errors));
    const module = await cache.get(dir);
    const before = errors.length;
    const references = await checkReferences(module, loadLocalModule, errors);
    await checkModuleCalls(module, loadLocalModule, errors);
    if (errors.length === before) {
      summaries.push(
        `OK ${dir}: ${module.files.length} file(s), ${module.variables.size} variable(s), ${module.resources.size} resource(s), ` +
          `${module.data.size} data source(s), ${module.modules.size} module call(s), ${module.outputs.size} output(s), ` +
          `${references} reference(s) resolved`,
      );
    }
  }
  if (errors.length) {
    console.error(`FAIL ${errors.length} problem(s)`);
    for (const e of [...new Set(errors)]) console.error(`  - ${e}`);
    return 1;
  }
  summaries.forEach((s) => console.log(s));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`FAIL ${e.stack ?? e}`);
    process.exit(1);
  },
);
