# GitHub Actions' access to this environment through Workload Identity Federation: no service account keys. A
# workflow of var.github_repository exchanges its OIDC token for short-lived credentials of one of three accounts:
#   <prefix>cd         cd.yml: pushes images, deploys Cloud Run revisions, moves traffic, invokes the services
#                      (smoke checks, POST /semantic/syncs);
#   <prefix>models-ci  models-ci.yml: the slim build into per-PR datasets, reading production's (defer);
#   <prefix>terraform  cd.yml: terraform plan (pull requests) and apply (main, behind an environment approval).
# Off (nothing created) while github_repository is empty, so existing plans do not change. See the root README,
# CI/CD, for the one-time setup and the GitHub variables that take the outputs below.

variable "github_repository" {
  description = "owner/name of the GitHub repository whose workflows may act in this environment (Workload Identity Federation); empty: no GitHub access."
  type        = string
  default     = ""

  validation {
    condition     = var.github_repository == "" || can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/name, e.g. \"acme/estore-analytics\", or empty."
  }
}

variable "github_deploy_ref" {
  description = "The only Git ref whose workflows may act as the CD and Terraform accounts (pull requests get the models-ci account only)."
  type        = string
  default     = "refs/heads/main"
}

variable "github_terraform_roles" {
  description = "Project roles of the Terraform account: what creating this configuration's resources and grants needs."
  type        = list(string)
  default = [
    "roles/artifactregistry.admin",
    "roles/bigquery.admin",
    "roles/cloudscheduler.admin",
    "roles/iam.serviceAccountAdmin",
    "roles/iam.workloadIdentityPoolAdmin",
    "roles/pubsub.admin",
    "roles/resourcemanager.projectIamAdmin",
    "roles/run.admin",
    "roles/secretmanager.admin",
    "roles/serviceusage.serviceUsageAdmin",
    "roles/storage.admin",
  ]
}

locals {
  github = var.github_repository != ""
  # The models-ci account reads production's datasets (defer) and creates per-PR ones (roles/bigquery.user).
  models_ci_reads = local.github ? toset(local.datasets) : toset([])
}

resource "google_iam_workload_identity_pool" "github" {
  count                     = local.github ? 1 : 0
  workload_identity_pool_id = "${var.prefix}github"
  display_name              = "GitHub Actions (${var.prefix})"

  depends_on = [google_project_service.api]
}

resource "google_iam_workload_identity_pool_provider" "github" {
  count                              = local.github ? 1 : 0
  workload_identity_pool_id          = google_iam_workload_identity_pool.github[0].workload_identity_pool_id
  workload_identity_pool_provider_id = "github-actions"
  display_name                       = "GitHub Actions OIDC"
  # Only tokens of this repository are accepted at all; which account a token may use is decided below.
  attribute_condition = "assertion.repository == \"${var.github_repository}\""
  attribute_mapping = {
    "google.subject"       = "assertion.sub"
    "attribute.repository" = "assertion.repository"
    "attribute.ref"        = "assertion.ref"
  }
  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}

resource "google_service_account" "github" {
  for_each     = local.github ? toset(["cd", "models-ci", "terraform"]) : toset([])
  account_id   = "${var.prefix}${each.key}"
  display_name = "estore GitHub Actions ${each.key} (${var.prefix})"

  depends_on = [google_project_service.api]
}

# Which workflows may act as which account: the CD and Terraform accounts only from the deploy ref (main), the
# models-ci account from any workflow of the repository (pull requests of the repository itself; forks get no token).
resource "google_service_account_iam_member" "github_workload_identity" {
  for_each           = local.github ? toset(["cd", "models-ci", "terraform"]) : toset([])
  service_account_id = google_service_account.github[each.key].name
  role               = "roles/iam.workloadIdentityUser"
  member = each.key == "models-ci" ? (
    "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.github[0].name}/attribute.repository/${var.github_repository}"
    ) : (
    "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.github[0].name}/attribute.ref/${var.github_deploy_ref}"
  )
}

# cd: new revisions and traffic (run.developer), acting as each service's own account, images in the repository.
resource "google_project_iam_member" "cd_run_developer" {
  count   = local.github ? 1 : 0
  project = var.project_id
  role    = "roles/run.developer"
  member  = google_service_account.github["cd"].member
}

resource "google_service_account_iam_member" "cd_acts_as_service" {
  for_each           = local.github ? local.services : {}
  service_account_id = google_service_account.service[each.key].name
  role               = "roles/iam.serviceAccountUser"
  member             = google_service_account.github["cd"].member
}

resource "google_artifact_registry_repository_iam_member" "cd_pushes_images" {
  count      = local.github ? 1 : 0
  location   = google_artifact_registry_repository.images.location
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.writer"
  member     = google_service_account.github["cd"].member
}

# cd invokes each Cloud Run service: the smoke check of a new revision and the semantic sync after a deploy.
resource "google_cloud_run_v2_service_iam_member" "cd_invoker" {
  for_each = local.github && local.push ? toset(keys(local.services)) : toset([])
  name     = google_cloud_run_v2_service.service[each.value].name
  location = var.region
  role     = "roles/run.invoker"
  member   = google_service_account.github["cd"].member
}

resource "google_project_iam_member" "models_ci_bigquery_user" {
  count   = local.github ? 1 : 0
  project = var.project_id
  role    = "roles/bigquery.user"
  member  = google_service_account.github["models-ci"].member
}

resource "google_bigquery_dataset_iam_member" "models_ci_reads_production" {
  for_each   = local.models_ci_reads
  dataset_id = google_bigquery_dataset.dataset[each.value].dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = google_service_account.github["models-ci"].member
}

resource "google_project_iam_member" "terraform" {
  for_each = local.github ? toset(var.github_terraform_roles) : toset([])
  project  = var.project_id
  role     = each.value
  member   = google_service_account.github["terraform"].member
}

output "github_workload_identity_provider" {
  description = "GitHub variable GCP_WORKLOAD_IDENTITY_PROVIDER (google-github-actions/auth's workload_identity_provider)."
  value       = local.github ? google_iam_workload_identity_pool_provider.github[0].name : null
}

output "github_service_accounts" {
  description = "GitHub variables GCP_CD_SERVICE_ACCOUNT, GCP_MODELS_CI_SERVICE_ACCOUNT, GCP_TERRAFORM_SERVICE_ACCOUNT."
  value       = { for name, sa in google_service_account.github : name => sa.email }
}
