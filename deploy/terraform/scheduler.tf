# On Cloud Run the in-app crons (estore.transform.daily-cron, estore.snapshot.weekly-cron,
# estore.loader.sweep-cron) are off: an instance with throttled CPU, or none at all at scale zero, would miss its
# tick. Cloud Scheduler calls the same endpoints instead, with retries and a visible history.
locals {
  # The services Cloud Scheduler calls; its account is their invoker (cloudrun.tf).
  scheduled_services = ["transform-service", "snapshot-service", "loader-service"]
}

resource "google_cloud_scheduler_job" "daily_build" {
  count            = local.push ? 1 : 0
  name             = "${var.prefix}daily-build"
  region           = var.region
  description      = "Daily build of every model: POST /runs on the transform-service."
  schedule         = var.daily_build_schedule
  time_zone        = var.schedule_time_zone
  attempt_deadline = "60s"

  retry_config {
    retry_count          = 3
    min_backoff_duration = "30s"
  }

  http_target {
    http_method = "POST"
    uri         = "${google_cloud_run_v2_service.service["transform-service"].uri}/runs"
    headers     = { "Content-Type" = "application/json" }
    body        = base64encode(jsonencode({ select = [], fullRefresh = false }))

    oidc_token {
      service_account_email = google_service_account.scheduler[0].email
      audience              = local.audiences["transform-service"]
    }
  }

  depends_on = [google_project_service.api]
}

resource "google_cloud_scheduler_job" "weekly_snapshot" {
  count       = local.push ? 1 : 0
  name        = "${var.prefix}weekly-snapshot"
  region      = var.region
  description = "Weekly run of every snapshot: POST /snapshots/run on the snapshot-service."
  schedule    = var.weekly_snapshot_schedule
  time_zone   = var.schedule_time_zone
  # The snapshots run inside the request; 30 minutes is Cloud Scheduler's longest deadline.
  attempt_deadline = "1800s"

  retry_config {
    retry_count          = 2
    min_backoff_duration = "300s"
  }

  http_target {
    http_method = "POST"
    uri         = "${google_cloud_run_v2_service.service["snapshot-service"].uri}/snapshots/run"

    oidc_token {
      service_account_email = google_service_account.scheduler[0].email
      audience              = local.audiences["snapshot-service"]
    }
  }

  depends_on = [google_project_service.api]
}

# The catch-up sweep loads the objects whose notification never arrived. It runs inside the request, and loads
# only what the ledger does not hold, so a retried or overlapping sweep loads nothing twice.
resource "google_cloud_scheduler_job" "hourly_sweep" {
  count       = local.push ? 1 : 0
  name        = "${var.prefix}hourly-sweep"
  region      = var.region
  description = "Hourly catch-up sweep of the bucket: POST /loads/sweep on the loader-service."
  schedule    = var.loader_sweep_schedule
  time_zone   = var.schedule_time_zone
  # 30 minutes is Cloud Scheduler's longest deadline; a longer sweep goes on in Cloud Run (timeout 3600 s).
  attempt_deadline = "1800s"

  retry_config {
    retry_count          = 1
    min_backoff_duration = "300s"
  }

  http_target {
    http_method = "POST"
    uri         = "${google_cloud_run_v2_service.service["loader-service"].uri}/loads/sweep"
    headers     = { "Content-Type" = "application/json" }
    # No bucket: the loader's own (estore.bucket.name).
    body = base64encode(jsonencode({}))

    oidc_token {
      service_account_email = google_service_account.scheduler[0].email
      audience              = local.audiences["loader-service"]
    }
  }

  depends_on = [google_project_service.api]
}
