terraform {
  required_version = ">= 1.5"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.10, < 8.0"
    }
    # For google_project_service_identity only (a beta resource): the Pub/Sub service agent, made to exist before
    # it is granted roles.
    google-beta = {
      source  = "hashicorp/google-beta"
      version = ">= 6.10, < 8.0"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}

provider "google-beta" {
  project = var.project_id
  region  = var.region
}

# The Google-managed agents that deliver bucket notifications and push or dead-letter messages.
data "google_storage_project_service_account" "gcs" {}

data "google_project" "this" {}

# Pub/Sub's agent mints push tokens and forwards dead letters; on a new project it does not exist until the API's
# first use, and granting roles to it before that fails. Creating it here, and making every grant to it depend on
# it, orders them. The grants name the agent by its documented address (known at plan time, so existing grants
# are not replaced).
resource "google_project_service_identity" "pubsub" {
  provider = google-beta
  service  = "pubsub.googleapis.com"

  depends_on = [google_project_service.api]
}

locals {
  pubsub_service_agent = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_project_service" "api" {
  for_each = toset([
    "artifactregistry.googleapis.com",
    "bigquery.googleapis.com",
    "cloudresourcemanager.googleapis.com",
    "cloudscheduler.googleapis.com",
    "iam.googleapis.com",
    "iamcredentials.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "storage.googleapis.com",
  ])
  service            = each.value
  disable_on_destroy = false
}
