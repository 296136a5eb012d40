#!/usr/bin/env bash
# cd.yml: terraform plan (pull requests) or apply (main, after the environment's approval) of deploy/terraform,
# with the state in a GCS bucket. The backend is added for this run only (a *_override.tf file), so that a local
# `terraform init` keeps working without one.
#
# Usage: deploy/ci/terraform.sh plan|apply
# Environment: TF_STATE_BUCKET; TF_VAR_project_id, TF_VAR_prefix, TF_VAR_region, TF_VAR_github_repository, ...
#   (any variable of deploy/terraform as TF_VAR_<name>); TFVARS: optional extra terraform.tfvars content.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TF="$ROOT/deploy/terraform"
[[ $# -eq 1 && $1 =~ ^(plan|apply)$ ]] || { echo "usage: deploy/ci/terraform.sh plan|apply" >&2; exit 2; }
: "${TF_STATE_BUCKET:?the GCS bucket holding the Terraform state}" "${TF_VAR_prefix:?}"

trap 'rm -f "$TF/ci_backend_override.tf" "$TF/ci.auto.tfvars"' EXIT
printf 'terraform {\n  backend "gcs" {}\n}\n' >"$TF/ci_backend_override.tf"
[[ -z ${TFVARS:-} ]] || printf '%s\n' "$TFVARS" >"$TF/ci.auto.tfvars"
terraform -chdir="$TF" init -input=false -backend-config="bucket=$TF_STATE_BUCKET" \
  -backend-config="prefix=estore/${TF_VAR_prefix%-}"
if [[ $1 == plan ]]; then
  terraform -chdir="$TF" plan -input=false -lock-timeout=5m -out=tfplan
  terraform -chdir="$TF" show -no-color tfplan >"$TF/plan.txt"
else
  terraform -chdir="$TF" apply -input=false -lock-timeout=5m -auto-approve
fi
