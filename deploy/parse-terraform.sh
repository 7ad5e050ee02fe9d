#!/usr/bin/env bash
# Parses every terraform/*.tf with HashiCorp's HCL parser (the npm package @cdktf/hcl2json: HCL
# compiled to WebAssembly) into deploy/src/test/resources/terraform-parsed.json, with the SHA-256
# of each file. TerraformModuleTest checks the module's structure from that file, and fails when a
# .tf file no longer matches its hash: run this script after changing terraform/, and commit both.
# Needs Node.js and npm; the parser goes to a temporary directory.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(dirname "$here")"
out="$here/src/test/resources/terraform-parsed.json"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
npm install --silent --no-audit --no-fund --prefix "$tmp" @cdktf/hcl2json@0.21.0 >&2
NODE_PATH="$tmp/node_modules" node "$here/parse-terraform.js" "$root/terraform" > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out" >&2
