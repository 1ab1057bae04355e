#!/usr/bin/env bash
# Offline validation of infra/: the SAM template and the Terraform module + example, the deployment contract that
# pollfeed needs from both (security wiring, CDN rules, SAM/Terraform parity), then deliberately broken copies of
# them, each of which must FAIL validation for the expected reason (so the checks are shown to bite).
#
#   bash infra/validate/check.sh [path/to/sam.schema.json]
#
# The SAM schema defaults to ../shared/schemas/sam.schema.json relative to the repository root (a relative
# argument is taken relative to the current directory). Needs Node 20+ and the npm registry (npm ci), and Python 3
# with cfn-lint and samtranslator (both ship in the CI image's Python). Runs from any directory, as any user, without
# standard input. Last line: "infra validation: N passed, M failed".
set -euo pipefail

CALLER_DIR=$(pwd)
cd "$(dirname "$0")"
HERE=$(pwd)
INFRA=$(cd .. && pwd)
ROOT=$(cd ../.. && pwd)

SCHEMA=${1:-$ROOT/../shared/schemas/sam.schema.json}
case "$SCHEMA" in /*) ;; *) [ -n "${1:-}" ] && SCHEMA=$CALLER_DIR/$SCHEMA ;; esac
if [ ! -r "$SCHEMA" ]; then
    echo "infra validation: SAM schema not found at $SCHEMA" >&2
    echo "infra validation: 0 passed, 1 failed"
    exit 1
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
    echo "infra validation: Node 20 or newer is needed (found $(node --version))" >&2
    echo "infra validation: 0 passed, 1 failed"
    exit 1
fi

echo "==> npm ci (infra/validate)"
npm ci --no-audit --no-fund --loglevel=error </dev/null

PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "PASS $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $*"; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# --- The real files must pass ------------------------------------------------------------------------------------

echo "==> infra/migrate-event.json"
if node -e '
    const e = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const ok = e.version === "2.0" && e.routeKey === "$default" && e.rawPath === "/q/health/ready"
        && e.requestContext?.http?.method === "GET" && e.requestContext?.http?.path === e.rawPath
        && e.requestContext?.routeKey === "$default" && typeof e.requestContext?.requestId === "string"
        && typeof e.headers === "object" && e.isBase64Encoded === false;
    if (!ok) { console.error("not an HTTP API payload v2 event for GET /q/health/ready"); process.exit(1); }
    console.log("OK " + process.argv[1] + ": HTTP API payload v2, GET /q/health/ready");
' "$INFRA/migrate-event.json"; then
    pass "migrate-event.json is an HTTP API payload v2 event for GET /q/health/ready"
else
    fail "migrate-event.json"
fi

echo "==> SAM template"
if node validate-sam.mjs "$INFRA/sam/template.yaml" "$SCHEMA"; then
    pass "infra/sam/template.yaml"
else
    fail "infra/sam/template.yaml"
fi

echo "==> Terraform module and example"
if node validate-terraform.mjs "$INFRA/terraform/modules/pollfeed" "$INFRA/terraform/examples/basic"; then
    pass "infra/terraform (module + example)"
else
    fail "infra/terraform (module + example)"
fi

OPENAPI=$ROOT/src/main/resources/META-INF/openapi.yaml

echo "==> cfn-lint on the SAM template (errors and warnings fail; each ignored check is justified where it is ignored)"
# Exit status bits: 2 errors, 4 warnings, 8 informational (not failures).
lint() { local status=0; cfn-lint --format parseable -- "$1" || status=$?; [ $((status & 6)) -eq 0 ] || return 1; }
if lint "$INFRA/sam/template.yaml"; then
    pass "cfn-lint infra/sam/template.yaml"
else
    fail "cfn-lint infra/sam/template.yaml"
fi

echo "==> SAM transform (samtranslator) and the resources it generates"
if python3 validate_sam_translated.py "$INFRA/sam/template.yaml" "$OPENAPI"; then
    pass "SAM transform: alias, version, hooks, SnapStart, integration target, security groups, cache policy"
else
    fail "SAM transform"
fi

echo "==> The deploy check (PreTraffic hook and creation check), run with stand-ins for the AWS SDK"
if node test-deploy-check.mjs "$INFRA/sam/template.yaml" 2>"$WORK/deploy-check.log"; then
    pass "DeployCheckFunction decides as expected"
else
    cat "$WORK/deploy-check.log"
    fail "DeployCheckFunction"
fi

echo "==> Deploy readiness (first deploy on a new account; failed deploys fail loudly)"
if node validate-deploy.mjs "$INFRA/sam/template.yaml" "$INFRA/terraform/modules/pollfeed" "$OPENAPI"; then
    pass "deploy readiness (SAM + Terraform + OpenAPI query parameters)"
else
    fail "deploy readiness (SAM + Terraform + OpenAPI query parameters)"
fi

echo "==> Deployment contract (security wiring, CDN rules, SAM/Terraform parity)"
if node validate-contract.mjs "$INFRA/sam/template.yaml" "$INFRA/terraform/modules/pollfeed"; then
    pass "deployment contract (SAM + Terraform)"
else
    fail "deployment contract (SAM + Terraform)"
fi

# --- Broken copies must fail, for the expected reason ------------------------------------------------------------

# mutate <src> <dst> <perl substitution>: the substitution must change the file, or the negative test would be
# vacuous (it would silently test the unbroken file).
mutate() {
    perl -0pe "$3" "$1" > "$2"
    if cmp -s "$1" "$2"; then
        echo "  (the mutation $3 did not apply to $1: update check.sh)" >&2
        return 1
    fi
}

# expect_failure <name> <expected message fragment> <command...>
expect_failure() {
    local name=$1 expected=$2
    shift 2
    local out=$WORK/out.txt status=0
    "$@" > "$out" 2>&1 || status=$?
    if [ "$status" -eq 1 ] && grep -qF -- "$expected" "$out"; then
        pass "broken copy rejected: $name"
    else
        fail "broken copy NOT rejected as expected: $name (exit $status, expected a failure mentioning: $expected)"
        sed 's/^/    /' "$out" | head -20
    fi
}

sam_case() {
    local name=$1 expected=$2 substitution=$3
    local copy=$WORK/sam-$name.yaml
    if mutate "$INFRA/sam/template.yaml" "$copy" "$substitution"; then
        expect_failure "SAM: $name" "$expected" node validate-sam.mjs "$copy" "$SCHEMA"
    else
        fail "SAM: $name (mutation did not apply)"
    fi
}

echo "==> Broken SAM templates"
sam_case rds-misspelled-property "DBInstanceClas: unknown property" \
    's/^(\s+)DBInstanceClass: !Ref DatabaseInstanceClass$/$1DBInstanceClas: !Ref DatabaseInstanceClass/m'
sam_case ref-to-missing-resource "Ref to undefined HttpApiMissing" \
    's/ApiId: !Ref HttpApi$/ApiId: !Ref HttpApiMissing/m'
sam_case serverless-function-invalid-property "must NOT have additional properties 'MemoryMB'" \
    's/^(\s+)AutoPublishAlias: live$/$1AutoPublishAlias: live\n$1MemoryMB: 512/m'
sam_case serverless-passthrough-invalid "ApplyOnn: unknown property" \
    's/- ApplyOn: PublishedVersions/- ApplyOnn: PublishedVersions/'
sam_case nested-misspelled-property "QueryStringBehaviour: unknown property" \
    's/QueryStringBehavior: whitelist/QueryStringBehaviour: whitelist/'
sam_case missing-required-property "missing required property EngineFamily" \
    's/^\s+EngineFamily: POSTGRESQL\n//m'
sam_case invalid-enum-value '"POSTGRES" is not one of' \
    's/EngineFamily: POSTGRESQL/EngineFamily: POSTGRES/'
sam_case unknown-resource-type "unknown resource type AWS::RDS::DBProxyTargetGroups" \
    's/Type: AWS::RDS::DBProxyTargetGroup$/Type: AWS::RDS::DBProxyTargetGroups/m'
sam_case unknown-getatt-attribute "has no attribute Endpoints" \
    's/!GetAtt DatabaseProxy.Endpoint$/!GetAtt DatabaseProxy.Endpoints/m'
sam_case sub-undefined-variable "GetAtt of undefined resource DatabaseProxie" \
    's/\$\{DatabaseProxy.Endpoint\}/\${DatabaseProxie.Endpoint}/'
sam_case undefined-condition "undefined condition IsJVM" \
    's/!If \[IsJvm, java21/!If [IsJVM, java21/'
sam_case conditional-resource-unconditionally "exists only when condition CdnEnabled holds" \
    's/(  CdnUrl:\n)    Condition: CdnEnabled\n/$1/'
sam_case unknown-yaml-tag "Unresolved tag: !Reff" \
    's/!Ref LogRetentionDays/!Reff LogRetentionDays/'
sam_case depends-on-missing "DependsOn: undefined resource DatabaseSecretAttachmnt" \
    's/DependsOn: DatabaseSecretAttachment/DependsOn: DatabaseSecretAttachmnt/'

echo "==> Broken Terraform copies"
# Copies keep infra/'s layout, so that the module still finds ../../../migrate-event.json and retention-event.json.
tf_copy() {
    rm -rf "$WORK/infra"
    mkdir -p "$WORK/infra"
    cp -r "$INFRA/terraform" "$WORK/infra/terraform"
    cp "$INFRA/migrate-event.json" "$INFRA/retention-event.json" "$WORK/infra/"
}
# An unmodified copy must pass: otherwise every broken copy below could fail for a reason of the copy's own.
tf_copy
if node validate-terraform.mjs "$WORK/infra/terraform/modules/pollfeed" "$WORK/infra/terraform/examples/basic" > "$WORK/out.txt" 2>&1; then
    pass "unmodified Terraform copy validates (the broken copies below differ from it by their mutation only)"
else
    fail "unmodified Terraform copy does not validate"
    sed 's/^/    /' "$WORK/out.txt" | head -20
fi
tf_case() {
    local name=$1 expected=$2 file=$3 substitution=$4
    tf_copy
    local target=$WORK/infra/terraform/$file
    if mutate "$target" "$target.new" "$substitution"; then
        mv "$target.new" "$target"
        expect_failure "Terraform: $name" "$expected" node validate-terraform.mjs \
            "$WORK/infra/terraform/modules/pollfeed" "$WORK/infra/terraform/examples/basic"
    else
        fail "Terraform: $name (mutation did not apply)"
    fi
}
tf_case module-undeclared-variable 'no variable "log_retention_dayz" is declared' modules/pollfeed/main.tf \
    's/var\.log_retention_days/var.log_retention_dayz/'
tf_case example-passes-unknown-variable 'passes "memory_mb", which the module does not declare' examples/basic/main.tf \
    's/^(\s+)runtime(\s+)= var\.runtime$/$1runtime$2= var.runtime\n$1memory_mb = 512/m'
tf_case example-misses-required-variable 'does not pass the required variable "package_path"' examples/basic/main.tf \
    's/^\s+package_path\s+=.*\n//m'
tf_case undeclared-local 'no local "cors_allow_all" is declared' modules/pollfeed/main.tf \
    's/local\.cors_allows_all \? \[\]/local.cors_allow_all ? []/'
tf_case undeclared-resource 'no resource aws_lambda_alias.current is declared' modules/pollfeed/main.tf \
    's/aws_lambda_alias\.live\.invoke_arn/aws_lambda_alias.current.invoke_arn/'
tf_case undeclared-data-source 'no data source aws_partitions.current is declared' modules/pollfeed/main.tf \
    's/data\.aws_partition\.current\.partition/data.aws_partitions.current.partition/'
tf_case counted-resource-not-indexed 'this resource has count: index it' modules/pollfeed/outputs.tf \
    's/aws_db_proxy\.this\[0\]\.endpoint/aws_db_proxy.this.endpoint/'
tf_case missing-module-output 'has no output "cdn_urls"' examples/basic/outputs.tf \
    's/module\.pollfeed\.cdn_url/module.pollfeed.cdn_urls/'
tf_case duplicate-variable 'variable name is declared twice' modules/pollfeed/variables.tf \
    's/\z/\nvariable "name" {\n  type = string\n}\n/'
tf_case syntax-error 'Invalid expression' modules/pollfeed/main.tf \
    's/(resource "aws_lambda_alias" "live" \{\n\s+name\s+=) "live"/$1/'
tf_case missing-module-file 'no such file' modules/pollfeed/main.tf \
    's#/migrate-event\.json#/migrate-events.json#'

echo "==> Broken deployment contracts"
contract_sam_case() {
    local name=$1 expected=$2 substitution=$3
    local copy=$WORK/contract-$name.yaml
    if mutate "$INFRA/sam/template.yaml" "$copy" "$substitution"; then
        expect_failure "contract, SAM: $name" "$expected" node validate-contract.mjs "$copy" "$INFRA/terraform/modules/pollfeed"
    else
        fail "contract, SAM: $name (mutation did not apply)"
    fi
}
contract_tf_case() {
    local name=$1 expected=$2 file=$3 substitution=$4
    tf_copy
    local target=$WORK/infra/terraform/$file
    if mutate "$target" "$target.new" "$substitution"; then
        mv "$target.new" "$target"
        expect_failure "contract, Terraform: $name" "$expected" node validate-contract.mjs \
            "$INFRA/sam/template.yaml" "$WORK/infra/terraform/modules/pollfeed"
    else
        fail "contract, Terraform: $name (mutation did not apply)"
    fi
}
contract_sam_case admin-key-missing 'ApiFunction: POLLFEED_SECURITY_ADMIN_KEY is not set' \
    's/^\s+POLLFEED_SECURITY_ADMIN_KEY: .*\n//m'
contract_sam_case admin-key-from-a-parameter 'must be exactly "{{resolve:secretsmanager:' \
    's/(POLLFEED_SECURITY_ADMIN_KEY:) !Sub .*$/$1 !Ref JwtIssuer/m'
contract_sam_case admin-key-given-to-migrations 'MigrateFunction: POLLFEED_SECURITY_ADMIN_KEY must reach ApiFunction only' \
    's/^(\s+)POLLFEED_MIGRATION_AT_START: always$/$1POLLFEED_MIGRATION_AT_START: always\n$1POLLFEED_SECURITY_ADMIN_KEY: !Sub "{{resolve:secretsmanager:\${AdminKeySecret}:SecretString}}"/m'
contract_sam_case admin-key-with-punctuation 'AdminKeySecret: GenerateSecretString.ExcludePunctuation must be true' \
    's/(PasswordLength: 48\n\s+)ExcludePunctuation: true/$1ExcludePunctuation: false/'
contract_sam_case cache-key-without-authorization 'the cache key must include the Authorization header' \
    's/Headers: !If \[CorsAllowsAll, \[Authorization\], \[Authorization, Origin\]\]/Headers: !If [CorsAllowsAll, [Origin], [Origin]]/'
contract_sam_case authorization-in-origin-request-policy 'must not forward Authorization outside the cache key' \
    's/- \[Content-Type, Idempotency-Key, Origin,/- [Authorization, Content-Type, Idempotency-Key, Origin,/'
contract_sam_case min-ttl-above-zero 'MinTTL must be 0' \
    's/^(\s+)MinTTL: 0$/$1MinTTL: 1/m'
contract_sam_case cors-without-location 'ExposeHeaders lacks Location' \
    's/(ExposeHeaders: \[ETag, Poll-Interval, Retry-After, Idempotent-Replayed), Location\]/$1]/'
contract_sam_case cdn-keeps-403 'ErrorCachingMinTTL 0 for 403' \
    's/\n\s+- ErrorCode: 403\n\s+ErrorCachingMinTTL: 0//'
contract_sam_case no-throttling 'must set ThrottlingBurstLimit and ThrottlingRateLimit' \
    's/^\s+ThrottlingBurstLimit: !Ref ThrottlingBurstLimit\n//m'
contract_sam_case no-config-revision 'VersionDescription must include a revision parameter' \
    's/^\s+VersionDescription: .*\n//m'
contract_sam_case code-sha256-override 'no AutoPublishCodeSha256' \
    's/^(\s+)AutoPublishAlias: live$/$1AutoPublishAlias: live\n$1AutoPublishCodeSha256: !Ref ConfigRevision/m'
contract_sam_case default-differs 'default of SAM PublicPublishPatterns ("guestbook.*") differs' \
    's/(  PublicPublishPatterns:\n    Type: String\n    Default: )""/$1"guestbook.*"/'
contract_tf_case admin-key-missing 'aws_lambda_function.api: POLLFEED_SECURITY_ADMIN_KEY is not set' modules/pollfeed/main.tf \
    's/^\s+\{ POLLFEED_SECURITY_ADMIN_KEY = random_password\.admin_key\.result \},\n//m'
contract_tf_case admin-key-for-every-function 'aws_lambda_function.migrate: POLLFEED_SECURITY_ADMIN_KEY must reach the API function only' modules/pollfeed/main.tf \
    's/^(\s+)QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE = "2"$/$1QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE = "2"\n$1POLLFEED_SECURITY_ADMIN_KEY = random_password.admin_key.result/m'
contract_tf_case short-admin-key 'random_password.admin_key: length must be at least 32' modules/pollfeed/main.tf \
    's/^(resource "random_password" "admin_key" \{\n\s+length\s+=) 48$/$1 24/m'
contract_tf_case cache-key-without-authorization 'aws_cloudfront_cache_policy.polls: the cache key must include the Authorization header' modules/pollfeed/main.tf \
    's/concat\(\["Authorization"\], local\.cors_allows_all/concat([], local.cors_allows_all/'
contract_tf_case cors-env-missing 'parity: ApiFunction gets POLLFEED_CORS_ORIGINS in SAM but not' modules/pollfeed/main.tf \
    's/^\s+local\.cors_enabled \? \{ POLLFEED_CORS_ORIGINS = .*\n//m'
contract_tf_case variable-missing 'parity: SAM parameter JwtIssuer has no Terraform variable jwt_issuer' modules/pollfeed/variables.tf \
    's/\nvariable "jwt_issuer" \{.*?\n\}\n//s'
contract_sam_case alb-single-value-headers 'lambda.multi_value_headers.enabled must be "true"' \
    's/(Key: lambda\.multi_value_headers\.enabled\n\s+Value:) "true"/$1 "false"/'
contract_sam_case quarkus-handler-reads-no-alb 'Globals.Function.Handler must be dev.pollfeed.lambda.FrontDoorHandler' \
    's/dev\.pollfeed\.lambda\.FrontDoorHandler::handleRequest/io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest/'
contract_tf_case alb-single-value-headers 'lambda_multi_value_headers_enabled must be true' modules/pollfeed/main.tf \
    's/lambda_multi_value_headers_enabled = true/lambda_multi_value_headers_enabled = false/'
contract_tf_case function-url-on-latest 'qualifier must be alias live' modules/pollfeed/main.tf \
    's/(resource "aws_lambda_function_url" "api" \{.*?)\n\s+qualifier\s+= aws_lambda_alias\.live\.name/$1/s'

# Issue 13: each defect of a first deploy, reintroduced into a copy, must be caught.
echo "==> Broken copies: cfn-lint"
lint_case() {
    local name=$1 expected=$2 substitution=$3
    local copy=$WORK/lint-$name.yaml
    if mutate "$INFRA/sam/template.yaml" "$copy" "$substitution"; then
        expect_failure "cfn-lint: $name" "$expected" lint "$copy"
    else
        fail "cfn-lint: $name (mutation did not apply)"
    fi
}
lint_case deprecated-hook-runtime "E2533" 's/Runtime: nodejs24\.x/Runtime: nodejs16.x/'
lint_case unjustified-warning "W1030" 's/ignore_checks: \[W1030\]/ignore_checks: []/g'
lint_case tags-on-a-dashboard "E3002" 's/(DashboardName: .*\n)/$1      Tags: [{ Key: application, Value: pollfeed }]\n/'

echo "==> Broken copies: SAM transform"
translated_case() {
    local name=$1 expected=$2 substitution=$3
    local copy=$WORK/translated-$name.yaml
    if mutate "$INFRA/sam/template.yaml" "$copy" "$substitution"; then
        expect_failure "SAM transform: $name" "$expected" python3 validate_sam_translated.py "$copy" "$OPENAPI"
    else
        fail "SAM transform: $name (mutation did not apply)"
    fi
}
translated_case no-pre-traffic-hook "no BeforeAllowTrafficHook" \
    's/\n\s+Hooks:\n\s+PreTraffic: !Ref DeployCheckFunction//'
translated_case sam-role-cannot-invoke-hook "CodeDeploy's role may not invoke the PreTraffic hook" \
    's/\n\s+Role: !GetAtt CodeDeployRole.Arn//'
translated_case no-snapstart "no SnapStart" 's/- ApplyOn: PublishedVersions/- ApplyOn: None/'
translated_case integration-on-latest "does not target the alias" \
    's/^\s+AutoPublishAlias: live\n//m; s/\n\s+DeploymentPreference:\n.*?PreTraffic: !Ref DeployCheckFunction//s'
translated_case default-security-group "VpcConfig does not use FunctionSecurityGroup" \
    's/SecurityGroupIds: !If\n\s+- HasFunctionSecurityGroups\n.*?- \[!Ref FunctionSecurityGroup\]/SecurityGroupIds: !Ref FunctionSecurityGroupIds/s'
translated_case literal-reserved-concurrency "a literal ReservedConcurrentExecutions" \
    's/ReservedConcurrentExecutions: !If \[HasMigrateReservedConcurrency.*/ReservedConcurrentExecutions: 1/'
translated_case stats-query-dropped "does not forward the query parameter 'bucket'" \
    's/QueryStrings: \[since, limit, channels, bucket, from, to\]/QueryStrings: [since, limit, channels]/'

echo "==> Broken copies: the deploy check"
check_case() {
    local name=$1 expected=$2 substitution=$3
    local copy=$WORK/check-$name.yaml
    if mutate "$INFRA/sam/template.yaml" "$copy" "$substitution"; then
        expect_failure "deploy check: $name" "$expected" node test-deploy-check.mjs "$copy"
    else
        fail "deploy check: $name (mutation did not apply)"
    fi
}
check_case hook-always-succeeds "hook, migration answers 503: reported Succeeded, expected Failed" \
    's/status: failure \? "Failed" : "Succeeded"/status: "Succeeded"/'
check_case readiness-not-read "new version not ready: reported Succeeded" \
    's/if \(status !== 200\) throw/if (status >= 600) throw/'
check_case migration-skipped "hook, both ready: invoked" 's/^\s+await readiness\(process\.env\.MIGRATE_FUNCTION\);\n//m'

echo "==> Broken copies: deploy readiness"
deploy_sam_case() {
    local name=$1 expected=$2 substitution=$3
    local copy=$WORK/deploy-$name.yaml
    if mutate "$INFRA/sam/template.yaml" "$copy" "$substitution"; then
        expect_failure "deploy readiness, SAM: $name" "$expected" node validate-deploy.mjs "$copy" "$INFRA/terraform/modules/pollfeed" "$OPENAPI"
    else
        fail "deploy readiness, SAM: $name (mutation did not apply)"
    fi
}
deploy_tf_case() {
    local name=$1 expected=$2 file=$3 substitution=$4
    tf_copy
    local target=$WORK/infra/terraform/$file
    if mutate "$target" "$target.new" "$substitution"; then
        mv "$target.new" "$target"
        expect_failure "deploy readiness, Terraform: $name" "$expected" node validate-deploy.mjs \
            "$INFRA/sam/template.yaml" "$WORK/infra/terraform/modules/pollfeed" "$OPENAPI"
    else
        fail "deploy readiness, Terraform: $name (mutation did not apply)"
    fi
}
deploy_sam_case reserved-concurrency-one "MigrateFunction: ReservedConcurrentExecutions must be a parameter" \
    's/ReservedConcurrentExecutions: !If \[HasMigrateReservedConcurrency.*/ReservedConcurrentExecutions: 1/'
deploy_sam_case no-database-security-group "DatabaseSecurityGroup must allow 5432 from FunctionSecurityGroup" \
    's/SourceSecurityGroupId: !Ref FunctionSecurityGroup\n/SourceSecurityGroupId: !Ref DatabaseSecurityGroupIds\n/'
deploy_sam_case no-rules "Rules must refuse CreateDatabase without VpcId" 's/\n  DatabaseNeedsAVpc:\n.*?\n  SubnetsNeedTheirVpc:/\n  SubnetsNeedTheirVpc:/s'
deploy_sam_case borrow-timeout-30 "ConnectionBorrowTimeout (up to 30 s) must stay below ApiTimeout" \
    's/ConnectionBorrowTimeout: !Ref DatabaseProxyBorrowTimeout/ConnectionBorrowTimeout: 30/'
deploy_sam_case policy-name-without-region "the policy name must include" \
    's/Name: !Sub "\$\{AWS::StackName\}-\$\{AWS::Region\}-polls"/Name: !Sub "\${AWS::StackName}-polls"/'
deploy_sam_case no-log-group-wiring "MigrateFunction: LoggingConfig.LogGroup must name a log group" \
    's/^\s+LogGroup: !Ref MigrateFunctionLogGroup\n//m'
deploy_sam_case secret-without-deletion-policy "DatabaseSecret: a secret needs an explicit DeletionPolicy" \
    's/(Condition: CreateDb\n)    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n/$1/'
deploy_sam_case fixed-deletion-protection "DeletionProtection and MultiAZ must be parameters" \
    's/DeletionProtection: !Ref DatabaseDeletionProtection/DeletionProtection: false/'
deploy_sam_case proxy-tls-unverified "reached with sslmode=verify-full" 's/5432\/\$\{DatabaseName\}\?sslmode=verify-full"/5432\/\${DatabaseName}?sslmode=require"/g'
deploy_sam_case silent-ssl-downgrade "offer no silent downgrade" 's/AllowedValues: \[verify-full, require, disable\]/AllowedValues: [verify-full, require, prefer, disable]/'
deploy_sam_case no-creation-check "stack creation (no CodeDeploy hook runs then)" 's/Type: Custom::PollfeedMigration/Type: Custom::PollfeedNothing\n    Condition: CdnEnabled/; s/ServiceToken: !GetAtt DeployCheckFunction.Arn/ServiceToken: !GetAtt AdminKeySecret.Arn/'
deploy_sam_case cors-cached-without-headers "with CorsAllowedOrigins=* the CDN must key on Origin or add CORS headers" \
    's/OriginOverride: true/OriginOverride: false/'
deploy_sam_case stats-query-dropped 'does not forward the query parameter "to"' \
    's/QueryStrings: \[since, limit, channels, bucket, from, to\]/QueryStrings: [since, limit, channels, bucket, from]/'
deploy_sam_case no-pinning-alarm "no CloudWatch alarm on proxy pinning" 's/MetricName: DatabaseConnectionsCurrentlySessionPinned/MetricName: ClientConnections/'
deploy_sam_case untagged-security-group "FunctionSecurityGroup (AWS::EC2::SecurityGroup) has no Tags" \
    's/(Description: any destination \}\n)      Tags:\n        - \{ Key: application, Value: pollfeed \}\n/$1/'
deploy_sam_case native-without-signal-switch "must set DISABLE_SIGNAL_HANDLERS" 's/^\s+DISABLE_SIGNAL_HANDLERS: .*\n//m'
deploy_tf_case reserved-concurrency-one "reserved_concurrent_executions must be var.migrate_reserved_concurrency" modules/pollfeed/main.tf \
    's/reserved_concurrent_executions = var\.migrate_reserved_concurrency/reserved_concurrent_executions = 1/'
deploy_tf_case direct-upload "must read function.zip from the S3 object" modules/pollfeed/main.tf \
    's/  s3_bucket                      = aws_s3_object\.function_zip\.bucket\n  s3_key                         = aws_s3_object\.function_zip\.key\n/  filename                       = var.package_path\n/'
deploy_tf_case default-security-group "vpc_config must use the module's function security group" modules/pollfeed/main.tf \
    's/security_group_ids = local\.function_security_group_ids/security_group_ids = var.function_security_group_ids/'
deploy_tf_case no-preconditions "parameter_checks must refuse impossible combinations" modules/pollfeed/main.tf \
    's/resource "terraform_data" "parameter_checks" \{.*?\n\}\n/resource "terraform_data" "parameter_checks" {}\n/s'
deploy_tf_case borrow-timeout-30 "connection_borrow_timeout must be var.database_proxy_borrow_timeout" modules/pollfeed/main.tf \
    's/connection_borrow_timeout    = var\.database_proxy_borrow_timeout/connection_borrow_timeout    = 30/'
deploy_tf_case fixed-snapshot-name "final_snapshot_identifier must be unique" modules/pollfeed/main.tf \
    's/"\$\{var\.name\}-final-\$\{formatdate\("YYYYMMDDhhmmss", timestamp\(\)\)\}"/"\${var.name}-final-snapshot"/'
deploy_tf_case provider-with-publish-bugs "the AWS provider must be >= 6.4" modules/pollfeed/versions.tf \
    's/version = ">= 6\.4\.0, < 7\.0"/version = ">= 5.40, < 7.0"/'
deploy_tf_case migration-result-ignored "aws_lambda_invocation.migrate needs a postcondition" modules/pollfeed/main.tf \
    's/(resource "aws_lambda_invocation" "migrate" \{.*?)  lifecycle \{\n    postcondition \{.*?\n    \}\n  \}\n/$1/s'
deploy_tf_case alias-before-readiness "aws_lambda_alias.live must depend on the migration and the readiness" modules/pollfeed/main.tf \
    's/depends_on       = \[aws_lambda_invocation\.migrate, aws_lambda_invocation\.api_ready\]/depends_on       = [aws_lambda_invocation.migrate]/'
deploy_tf_case log-group-not-wired "logging_config must name its log group" modules/pollfeed/main.tf \
    's/log_group             = aws_cloudwatch_log_group\.api\.name/log_group             = "\/aws\/lambda\/x"/'
deploy_tf_case stats-query-dropped 'does not forward the query parameter "from"' modules/pollfeed/main.tf \
    's/cache_query_strings = \["since", "limit", "channels", "bucket", "from", "to"\]/cache_query_strings = ["since", "limit", "channels", "bucket", "to"]/'
deploy_tf_case cors-cached-without-headers "the CDN must key on Origin or add CORS headers at the edge" modules/pollfeed/main.tf \
    's/origin_override                  = true/origin_override                  = false/'
deploy_tf_case untagged-alarm "aws_cloudwatch_metric_alarm.database_cpu has no tags" modules/pollfeed/operations.tf \
    's/(alarm_name          = "\$\{var\.name\}-database-cpu".*?)\n  tags                = local\.tags/$1/s'
deploy_tf_case tls-unverified-proxy "the created RDS Proxy must be reached with verify-full" modules/pollfeed/main.tf \
    's/var\.create_database \? "verify-full"/var.create_database ? "require"/'

echo
echo "infra validation: ${PASSED} passed, ${FAILED} failed"
[ "$FAILED" -eq 0 ]
