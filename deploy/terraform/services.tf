# The four services, what each may touch, and how each runs on Cloud Run.
# The Cloud Run manifests in ../cloudrun carry the same sizes (checked by deploy/checks).
locals {
  push = var.deployment_target == "cloudrun"

  services = {
    "loader-service" = {
      account_id     = "loader"
      publishes      = ["raw-events-loaded", "pipeline-failed"]
      reads_datasets = []
      edits_datasets = ["raw", "ops"]
      # A push is answered at once and the file loads after it (estore.loader.load-after-ack): a load may outlast
      # Pub/Sub's 600 s ack deadline. So CPU stays allocated after the answer, and one instance stays up; a load
      # cut short by a scale-in is picked up by the hourly sweep.
      cpu           = "1"
      memory        = "1Gi"
      concurrency   = 4
      min_instances = 1
      max_instances = 3
      cpu_idle      = false
    }
    "transform-service" = {
      account_id     = "transform"
      publishes      = ["models-built", "pipeline-failed"]
      reads_datasets = ["raw"]
      edits_datasets = ["staging", "intermediate", "marts", "ops"]
      # A build runs after POST /runs has answered 202 (triggers coalesce), so CPU must stay allocated and the one
      # instance must stay up; two instances would build the same tables at once.
      cpu           = "1"
      memory        = "1Gi"
      concurrency   = 20
      min_instances = 1
      max_instances = 1
      cpu_idle      = false
    }
    "snapshot-service" = {
      account_id     = "snapshot"
      publishes      = ["snapshots-taken", "pipeline-failed"]
      reads_datasets = ["marts"]
      edits_datasets = ["snapshots", "ops"]
      # Snapshots run inside the request (push or POST /snapshots/run); one instance keeps runs in order.
      cpu           = "1"
      memory        = "1Gi"
      concurrency   = 10
      min_instances = 0
      max_instances = 1
      cpu_idle      = true
    }
    "semantic-sync-service" = {
      account_id     = "semantic"
      publishes      = ["semantic-layer-synced", "pipeline-failed"]
      reads_datasets = ["marts", "snapshots"]
      edits_datasets = ["ops"]
      # The resolved semantic catalog lives in memory and is refreshed by models-built, which reaches one
      # instance: a second instance would answer queries from a stale catalog.
      cpu           = "1"
      memory        = "512Mi"
      concurrency   = 20
      min_instances = 0
      max_instances = 1
      cpu_idle      = true
    }
  }

  # The Cloud Run request timeout: long enough for the biggest load or build.
  request_timeout = "3600s"

  # OIDC audience of each service: a fixed custom audience, so that a service's settings do not depend on its
  # own URL (which Terraform only knows after creating it).
  audiences = { for name, svc in local.services : name => "${var.prefix}${name}" }

  images = {
    for name, svc in local.services :
    name => "${local.image_registry}/${name}:${lookup(var.image_tags, name, var.image_tag)}"
  }
}
