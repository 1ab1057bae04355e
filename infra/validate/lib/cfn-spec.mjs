// Checks CloudFormation resource properties against the CloudFormation resource specification carried by the npm
// package @aws-cdk/aws-service-spec: resource types, property names (at every nesting level), required properties,
// the JSON shape of literal values, and the allowed values of enumerated strings.
import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';

let dbPromise;
export function specDatabase() {
  dbPromise ??= loadAwsServiceSpec();
  return dbPromise;
}

export function lookupResource(db, cfnType) {
  return db.lookup('resource', 'cloudFormationType', 'equals', cfnType)[0];
}

export function isIntrinsic(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 1) return false;
  if (keys[0] === 'Condition') return typeof value.Condition === 'string';
  return keys[0] === 'Ref' || keys[0].startsWith('Fn::');
}

function isNoValue(value) {
  return isIntrinsic(value) && value.Ref === 'AWS::NoValue';
}

/** Levenshtein distance, for "did you mean" hints. */
function distance(a, b) {
  const m = a.length;
  const n = b.length;
  const d = Array.from({ length: m + 1 }, (_, i) => [i, ...new Array(n).fill(0)]);
  for (let j = 1; j <= n; j++) d[0][j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[m][n];
}

export function suggest(name, candidates) {
  let best;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = distance(name.toLowerCase(), c.toLowerCase());
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean ${best}?)` : '';
}

function describe(type) {
  switch (type.type) {
    case 'array':
      return `list of ${describe(type.element)}`;
    case 'map':
      return `map of ${describe(type.element)}`;
    case 'union':
      return type.types.map(describe).join(' | ');
    case 'ref':
      return 'object';
    default:
      return type.type;
  }
}

export class SpecChecker {
  constructor(db) {
    this.db = db;
  }

  /**
   * Checks an object of properties against a property set from the spec (a resource's or a type definition's).
   * Returns a list of error strings.
   */
  checkProperties(props, specProps, path, { checkRequired = true } = {}) {
    const errors = [];
    if (isIntrinsic(props)) {
      return this.checkIntrinsic(props, (v, p) => this.checkProperties(v, specProps, p, { checkRequired }), path);
    }
    if (props === null || typeof props !== 'object' || Array.isArray(props)) {
      return [`${path}: expected an object, got ${JSON.stringify(props)}`];
    }
    const known = Object.keys(specProps);
    for (const [name, value] of Object.entries(props)) {
      const spec = specProps[name];
      if (!spec) {
        errors.push(`${path}.${name}: unknown property${suggest(name, known)}`);
        continue;
      }
      errors.push(...this.checkValue(value, [spec.type, ...(spec.previousTypes ?? [])], `${path}.${name}`));
    }
    if (checkRequired) {
      for (const [name, spec] of Object.entries(specProps)) {
        if (spec.required && !(name in props)) {
          errors.push(`${path}: missing required property ${name}`);
        }
      }
    }
    return errors;
  }

  /** Fn::If: checks both branches (a branch that is AWS::NoValue is fine); other intrinsics are taken as valid. */
  checkIntrinsic(value, check, path) {
    if ('Fn::If' in value) {
      const args = value['Fn::If'];
      if (!Array.isArray(args) || args.length !== 3) {
        return [`${path}: Fn::If takes [condition, value-if-true, value-if-false]`];
      }
      const errors = [];
      for (const [i, branch] of [args[1], args[2]].entries()) {
        if (!isNoValue(branch)) errors.push(...check(branch, `${path}.Fn::If[${i + 1}]`));
      }
      return errors;
    }
    return [];
  }

  /** Checks a value against any of the accepted types; returns the errors of the closest match. */
  checkValue(value, types, path) {
    let best;
    for (const type of types) {
      const errors = this.checkOne(value, type, path);
      if (errors.length === 0) return [];
      if (!best || errors.length < best.length) best = errors;
    }
    return best;
  }

  checkOne(value, type, path) {
    if (isIntrinsic(value)) {
      return this.checkIntrinsic(value, (v, p) => this.checkOne(v, type, p), path);
    }
    const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
    const mismatch = () => [`${path}: expected ${describe(type)}, got ${kind} ${JSON.stringify(value)}`];
    switch (type.type) {
      case 'json':
        return [];
      case 'null':
        return kind === 'null' ? [] : mismatch();
      case 'string':
      case 'date-time': {
        if (!['string', 'number', 'boolean'].includes(kind)) return mismatch();
        if (type.allowedValues && kind === 'string' && !type.allowedValues.includes(value)) {
          return [`${path}: ${JSON.stringify(value)} is not one of ${type.allowedValues.join(', ')}`];
        }
        return [];
      }
      case 'number':
      case 'integer': {
        if (kind === 'number') return [];
        if (kind === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return [];
        return mismatch();
      }
      case 'boolean':
        return kind === 'boolean' || value === 'true' || value === 'false' ? [] : mismatch();
      case 'array': {
        if (kind !== 'array') return mismatch();
        return value.flatMap((element, i) =>
          isNoValue(element) ? [] : this.checkValue(element, [type.element], `${path}[${i}]`),
        );
      }
      case 'map': {
        if (kind !== 'object') return mismatch();
        return Object.entries(value).flatMap(([k, v]) =>
          isNoValue(v) ? [] : this.checkValue(v, [type.element], `${path}.${k}`),
        );
      }
      case 'tag':
        if (kind !== 'object') return mismatch();
        return this.checkProperties(value, TAG_PROPERTIES, path);
      case 'union':
        return this.checkValue(value, type.types, path);
      case 'ref': {
        if (kind !== 'object') return mismatch();
        const def = this.db.get('typeDefinition', type.reference);
        return this.checkProperties(value, def.properties, path);
      }
      default:
        return [];
    }
  }
}

const TAG_PROPERTIES = {
  Key: { required: true, type: { type: 'string' } },
  Value: { required: true, type: { type: 'string' } },
};
