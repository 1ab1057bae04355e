#!/usr/bin/env python3
"""Runs the SAM transform (samtranslator, as `sam deploy` and CloudFormation do) on the template and checks the
resources it generates: what only exists after the transform (alias, version, CodeDeploy hook, HTTP API integration,
permissions) and what the transform must pass through untouched (SnapStart, security groups, cache policy, logging).

    python3 validate_sam_translated.py <template.yaml> <openapi.yaml>

Exits 1 with one line per problem. Needs no AWS credentials: the region is a placeholder and function.zip is
replaced by the S3 location `sam package` would upload it to.
"""
import json
import logging
import os
import sys

import yaml
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicies:
    """The template names managed policies by ARN; nothing needs looking up."""

    def load(self):
        return {}


def translate(template_path):
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    logging.disable(logging.WARNING)  # the transform's notes on feature toggles it has no configuration for
    with open(template_path, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    template["Globals"]["Function"]["CodeUri"] = "s3://pollfeed-artifacts/function.zip"
    return transform(template, {}, NoManagedPolicies())


def query_parameters(openapi_path):
    with open(openapi_path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)

    def resolve(p):
        if isinstance(p, dict) and "$ref" in p:
            node = doc
            for key in p["$ref"].split("/")[1:]:
                node = node[key]
            return node
        return p

    names = set()
    for item in doc.get("paths", {}).values():
        operations = [op for op in item.values() if isinstance(op, dict)]
        for p in item.get("parameters", []) + [p for op in operations for p in op.get("parameters", [])]:
            p = resolve(p)
            if p.get("in") == "query":
                names.add(p["name"])
    return sorted(names)


def text(value):
    return json.dumps(value, sort_keys=True)


def check_translated(resources, queries):
    problems = []

    def check(ok, message):
        if not ok:
            problems.append(message)

    def of_type(kind):
        return {k: r for k, r in resources.items() if r["Type"] == kind}

    alias = resources.get("ApiFunctionAliaslive", {})
    check(alias.get("Type") == "AWS::Lambda::Alias", "no alias ApiFunctionAliaslive (AutoPublishAlias: live)")
    version_id = alias.get("Properties", {}).get("FunctionVersion", {}).get("Fn::GetAtt", [None])[0]
    check(resources.get(version_id, {}).get("Type") == "AWS::Lambda::Version",
          "the alias does not point to a published AWS::Lambda::Version")
    update = alias.get("UpdatePolicy", {}).get("CodeDeployLambdaAliasUpdate", {})
    hook = update.get("BeforeAllowTrafficHook", {}).get("Ref")
    check(hook in resources, "the alias has no BeforeAllowTrafficHook (PreTraffic): it would move before the migrations ran")
    hook_env = text(resources.get(hook, {}).get("Properties", {}).get("Environment"))
    check('"Ref": "MigrateFunction"' in hook_env and f'"Ref": "{version_id}"' in hook_env,
          "the PreTraffic hook does not run MigrateFunction and check the new version")
    group = resources.get(update.get("DeploymentGroupName", {}).get("Ref"), {})
    role = group.get("Properties", {}).get("ServiceRoleArn", {}).get("Fn::GetAtt", [None])[0]
    role_policies = text(resources.get(role, {}).get("Properties", {}).get("Policies"))
    check(f'"Fn::GetAtt": ["{hook}", "Arn"]' in role_policies,
          "CodeDeploy's role may not invoke the PreTraffic hook (SAM's own role invokes only CodeDeployHook_* functions)")
    check(any(r["Type"].startswith("Custom::") and text(r["Properties"].get("ServiceToken")) == text({"Fn::GetAtt": [hook, "Arn"]})
              and f'"Ref": "{version_id}"' in text(r["Properties"]) for r in resources.values()),
          "no creation-time check (custom resource) runs the migrations when the stack is created")

    api = resources.get("ApiFunction", {}).get("Properties", {})
    check(text(api.get("SnapStart")) == text({"Fn::If": ["IsJvm", {"ApplyOn": "PublishedVersions"}, {"Ref": "AWS::NoValue"}]}),
          "ApiFunction has no SnapStart on published versions with Runtime=jvm")
    api_body = text(resources.get("HttpApi", {}).get("Properties", {}).get("Body"))
    check("functions/${ApiFunctionAliaslive}/invocations" in api_body,
          "the HTTP API's $default integration does not target the alias (it would serve $LATEST, without SnapStart)")
    permissions = [r for r in of_type("AWS::Lambda::Permission").values()
                   if r["Properties"].get("Principal") == "apigateway.amazonaws.com"]
    check(any(r["Properties"]["FunctionName"] == {"Ref": "ApiFunctionAliaslive"} for r in permissions),
          "API Gateway may not invoke the alias")

    for name in ("ApiFunction", "MigrateFunction", "MaintenanceFunction"):
        props = resources.get(name, {}).get("Properties", {})
        check('"Ref": "FunctionSecurityGroup"' in text(props.get("VpcConfig")),
              f"{name}: VpcConfig does not use FunctionSecurityGroup")
        check(resources.get(props.get("LoggingConfig", {}).get("LogGroup", {}).get("Ref"), {}).get("Type") == "AWS::Logs::LogGroup",
              f"{name}: LoggingConfig.LogGroup is not a log group of the stack")
        check(not isinstance(props.get("ReservedConcurrentExecutions"), int) or name == "ApiFunction",
              f"{name}: a literal ReservedConcurrentExecutions fails on accounts at the minimum concurrency quota")
    database_group = resources.get("DatabaseSecurityGroup", {}).get("Properties", {})
    check(any(r.get("FromPort") == 5432 and r.get("SourceSecurityGroupId") == {"Ref": "FunctionSecurityGroup"}
              for r in database_group.get("SecurityGroupIngress", [])),
          "DatabaseSecurityGroup does not let the functions' group in on 5432")

    cache = (resources.get("PollCachePolicy", {}).get("Properties", {}).get("CachePolicyConfig", {})
             .get("ParametersInCacheKeyAndForwardedToOrigin", {}))
    forwarded = cache.get("QueryStringsConfig", {}).get("QueryStrings", [])
    for name in queries:
        check(name in forwarded, f"PollCachePolicy does not forward the query parameter {name!r} of the API")
    return problems


def main(argv):
    if len(argv) != 3:
        print("usage: validate_sam_translated.py <template.yaml> <openapi.yaml>", file=sys.stderr)
        return 2
    try:
        translated = translate(argv[1])
    except Exception as e:  # the transform's own errors are the finding
        print(f"FAIL {argv[1]}: the SAM transform failed: {e}", file=sys.stderr)
        return 1
    problems = check_translated(translated["Resources"], query_parameters(argv[2]))
    if problems:
        print(f"FAIL {argv[1]} after the SAM transform: {len(problems)} problem(s)", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    print(f"OK {argv[1]}: SAM transform, {len(translated['Resources'])} resources; alias, version, PreTraffic hook, "
          "creation check, SnapStart, integration target, security groups, log groups, cache policy checked")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
