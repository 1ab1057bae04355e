// Parses a CloudFormation/SAM YAML template, turning the short-form tags (!Ref, !GetAtt, !Sub, ...) into their
// long forms ({"Ref": ...}, {"Fn::GetAtt": ...}), and rejecting any YAML error, warning or unknown tag.
import YAML from 'yaml';

const SHORT_TAGS = {
  Ref: 'Ref',
  Condition: 'Condition',
  GetAtt: 'Fn::GetAtt',
  Sub: 'Fn::Sub',
  If: 'Fn::If',
  Equals: 'Fn::Equals',
  Not: 'Fn::Not',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  Join: 'Fn::Join',
  FindInMap: 'Fn::FindInMap',
  GetAZs: 'Fn::GetAZs',
  ImportValue: 'Fn::ImportValue',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  Transform: 'Fn::Transform',
  Length: 'Fn::Length',
  ToJsonString: 'Fn::ToJsonString',
};

function customTags() {
  const tags = [];
  for (const [short, long] of Object.entries(SHORT_TAGS)) {
    tags.push({ tag: `!${short}`, resolve: (value) => ({ [long]: value }) });
    tags.push({ tag: `!${short}`, collection: 'seq', resolve: (seq) => ({ [long]: seq.toJSON() }) });
    tags.push({ tag: `!${short}`, collection: 'map', resolve: (map) => ({ [long]: map.toJSON() }) });
  }
  return tags;
}

/** Returns the template as plain JSON data; throws an Error listing every YAML problem. */
export function parseCfnYaml(text, fileName) {
  const doc = YAML.parseDocument(text, { customTags: customTags(), uniqueKeys: true, prettyErrors: true });
  const problems = [...doc.errors, ...doc.warnings].map((e) => `${fileName}: ${e.message}`);
  if (problems.length) {
    throw new Error(problems.join('\n'));
  }
  const data = doc.toJS({ maxAliasCount: 100 });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error(`${fileName}: the template is not a YAML mapping`);
  }
  return data;
}
