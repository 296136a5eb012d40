locals {
  image_registry = var.image_registry != "" ? var.image_registry : "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"

  # Settings every service reads (see deploy/README.md, Settings).
  common_env = {
    QUARKUS_PROFILE                   = "gcp"
    QUARKUS_GOOGLE_CLOUD_PROJECT_ID   = var.project_id
    ESTORE_BIGQUERY_DATASET_PREFIX    = local.dataset_prefix
    ESTORE_BIGQUERY_LOCATION          = var.bigquery_location
    ESTORE_PUBSUB_TOPIC_PREFIX        = var.prefix
    ESTORE_PUBSUB_SUBSCRIPTION_PREFIX = var.prefix
    ESTORE_PUBSUB_RECEIVE_MODE        = "push"
    # Cloud Run itself authenticates every request (run.invoker: the push account, and the scheduler's on the
    # services it calls; the custom audience) and hands the app the token with its signature removed. The in-app
    # check (which would then tell the push account from the scheduler's) is off here; see deploy/README.md for
    # ESTORE_PUBSUB_PUSH_OIDC_SIGNATURE_CHECKED_BY_CLOUD_RUN.
    ESTORE_PUBSUB_PUSH_OIDC_ENABLED = "false"
    # As the subscriptions' dead-letter policy (pubsub.tf): a delivery failing this attempt is counted as a dead letter.
    ESTORE_PUBSUB_MAX_DELIVERY_ATTEMPTS = tostring(var.max_delivery_attempts)
  }

  # Settings of one service. The in-app schedules are off on Cloud Run: Cloud Scheduler calls the endpoints.
  service_env = {
    "loader-service" = merge(
      {
        ESTORE_BUCKET_NAME              = google_storage_bucket.raw.name
        ESTORE_LOADER_OBJECT_SUFFIXES   = ".csv,.csv.gz"
        ESTORE_BUCKET_QUARANTINE_PREFIX = "quarantine/"
        ESTORE_LOADER_SWEEP_CRON        = "off"
        ESTORE_LOADER_LOAD_AFTER_ACK    = "true"
      },
      var.loader_object_prefix != "" ? { ESTORE_LOADER_OBJECT_PREFIX = var.loader_object_prefix } : {},
    )
    "transform-service" = { ESTORE_TRANSFORM_DAILY_CRON = "off", ESTORE_TRANSFORM_SHUTDOWN_WAIT = "8s" }
    "snapshot-service"  = { ESTORE_SNAPSHOT_WEEKLY_CRON = "off" }
    "semantic-sync-service" = {
      for key, value in {
        ESTORE_OMNI_BASE_URL          = var.omni_base_url
        ESTORE_OMNI_MODEL_ID          = var.omni_model_id
        ESTORE_OMNI_CONNECTION_ID     = var.omni_connection_id
        ESTORE_OMNI_BRANCH_ID         = var.omni_branch_id
        ESTORE_OMNI_REFRESH_ON_BRANCH = var.omni_refresh_on_branch ? "true" : ""
      } : key => value if value != ""
    }
  }

  # Env var => Secret Manager secret, per service.
  secret_env = {
    for name, svc in local.services : name => merge(
      var.slack_webhook_secret_id == null ? {} : { ESTORE_NOTIFY_SLACK_WEBHOOK_URL = var.slack_webhook_secret_id },
      name == "semantic-sync-service" && var.omni_api_key_secret_id != null ? { ESTORE_OMNI_API_KEY = var.omni_api_key_secret_id } : {},
    )
  }
}

resource "google_artifact_registry_repository" "images" {
  repository_id = trimsuffix(var.prefix, "-")
  location      = var.region
  format        = "DOCKER"
  description   = "estore service images (${var.prefix})"

  depends_on = [google_project_service.api]
}

resource "google_cloud_run_v2_service" "service" {
  # A filtered for expression rather than a conditional: both branches of a conditional must share one type.
  for_each = { for name, svc in local.services : name => svc if local.push }
  name     = "${var.prefix}${each.key}"
  location = var.region
  # Stateless: the data lives in the bucket and the datasets, and switching deployment_target removes these.
  deletion_protection = false

  # Reached by Pub/Sub push, Cloud Scheduler and operators with an identity token. Cloud Run checks the token
  # (signature, audience) and run.invoker before a request reaches the app; no allUsers binding opens it.
  ingress          = "INGRESS_TRAFFIC_ALL"
  custom_audiences = [local.audiences[each.key]]

  template {
    service_account                  = google_service_account.service[each.key].email
    timeout                          = local.request_timeout
    max_instance_request_concurrency = each.value.concurrency

    scaling {
      min_instance_count = each.value.min_instances
      max_instance_count = each.value.max_instances
    }

    containers {
      image = local.images[each.key]

      ports {
        container_port = 8080
      }

      resources {
        limits = {
          cpu    = each.value.cpu
          memory = each.value.memory
        }
        cpu_idle          = each.value.cpu_idle
        startup_cpu_boost = true
      }

      dynamic "env" {
        for_each = merge(local.common_env, local.service_env[each.key])
        content {
          name  = env.key
          value = env.value
        }
      }

      dynamic "env" {
        for_each = local.secret_env[each.key]
        content {
          name = env.key
          value_source {
            secret_key_ref {
              secret  = env.value
              version = "latest"
            }
          }
        }
      }

      # Started and live never ask the warehouse: a revision must start while its grants still propagate, and
      # readiness (which does, at most once a minute) is not what Cloud Run probes.
      startup_probe {
        http_get {
          path = "/q/health/started"
        }
        timeout_seconds   = 3
        period_seconds    = 5
        failure_threshold = 24
      }

      liveness_probe {
        http_get {
          path = "/q/health/live"
        }
        timeout_seconds = 3
        period_seconds  = 30
      }
    }
  }

  # The grants a revision uses from its first request (IAM changes take a while to apply). Not the subscription
  # grants: push subscriptions need the service's URL first.
  depends_on = [
    google_secret_manager_secret_iam_member.slack_webhook,
    google_secret_manager_secret_iam_member.omni_api_key,
    google_bigquery_dataset_iam_member.access,
    google_project_iam_member.job_user,
    google_storage_bucket_iam_member.loader_objects,
    google_pubsub_topic_iam_member.publisher,
  ]
}

# Pub/Sub pushes each subscription's messages to its consumer as the push identity.
resource "google_cloud_run_v2_service_iam_member" "push_invoker" {
  for_each = local.push ? toset(values(local.push_target)) : toset([])
  name     = google_cloud_run_v2_service.service[each.value].name
  location = var.region
  role     = "roles/run.invoker"
  member   = google_service_account.pubsub_push[0].member
}

# Cloud Scheduler calls the daily build, the weekly snapshot and the hourly sweep (scheduler.tf).
resource "google_cloud_run_v2_service_iam_member" "scheduler_invoker" {
  for_each = local.push ? toset(local.scheduled_services) : toset([])
  name     = google_cloud_run_v2_service.service[each.value].name
  location = var.region
  role     = "roles/run.invoker"
  member   = google_service_account.scheduler[0].member
}
