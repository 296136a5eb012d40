variable "project_id" {
  description = "The Google Cloud project that hosts the environment."
  type        = string
}

variable "region" {
  description = "Region of the Cloud Run services, the scheduler jobs and the image repository."
  type        = string
  default     = "europe-west1"
}

variable "prefix" {
  description = "Environment prefix of every resource name: topics, subscriptions, services, accounts, bucket; datasets get it with '_' for '-'. Ends with '-'."
  type        = string
  default     = "estore-"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,14}-$", var.prefix))
    error_message = "prefix must be 3 to 16 lower-case letters, digits or '-', start with a letter and end with '-' (e.g. \"estore-dev-\"), so that service account ids stay within 30 characters."
  }
}

variable "deployment_target" {
  description = "cloudrun: Cloud Run services with Pub/Sub push (OIDC, checked by Cloud Run) and Cloud Scheduler jobs. kubernetes: pull subscriptions and Workload Identity bindings for pods of an existing GKE cluster."
  type        = string
  default     = "cloudrun"

  validation {
    condition     = contains(["cloudrun", "kubernetes"], var.deployment_target)
    error_message = "deployment_target must be \"cloudrun\" or \"kubernetes\"."
  }
}

variable "image_registry" {
  description = "Where the service images are pulled from; empty: the Artifact Registry repository this configuration creates."
  type        = string
  default     = ""
}

variable "image_tag" {
  description = "Image tag deployed for every service unless image_tags names another."
  type        = string
  default     = "0.1.0-SNAPSHOT"
}

variable "image_tags" {
  description = "Per-service image tag overrides, e.g. { \"loader-service\" = \"0.1.1\" }."
  type        = map(string)
  default     = {}
}

variable "bucket_name" {
  description = "The raw bucket's name; empty: <project_id>-<prefix>raw."
  type        = string
  default     = ""
}

variable "bucket_location" {
  description = "Location of the raw bucket; must be one BigQuery can load from into bigquery_location."
  type        = string
  default     = "EU"
}

variable "bigquery_location" {
  description = "Location of the BigQuery datasets (estore.bigquery.location)."
  type        = string
  default     = "EU"
}

variable "loader_object_prefix" {
  description = "Only objects under this prefix are announced and loaded (estore.loader.object-prefix); empty: all objects."
  type        = string
  default     = ""
}

variable "kubernetes_namespace" {
  description = "Namespace of the estore pods, for the Workload Identity bindings (deployment_target = kubernetes)."
  type        = string
  default     = "estore"
}

variable "failure_notifier_push_service" {
  description = "With push delivery a subscription has one endpoint: the service whose /pubsub/push receives pipeline-failed for the failure notifier."
  type        = string
  default     = "semantic-sync-service"

  validation {
    condition     = contains(["loader-service", "transform-service", "snapshot-service", "semantic-sync-service"], var.failure_notifier_push_service)
    error_message = "failure_notifier_push_service must be one of loader-service, transform-service, snapshot-service, semantic-sync-service."
  }
}

variable "max_delivery_attempts" {
  description = "Deliveries of a message before Pub/Sub moves it to the dead-letter topic (5 to 100)."
  type        = number
  default     = 5
}

variable "daily_build_schedule" {
  description = "Cloud Scheduler cron (unix syntax) of the daily build: POST /runs on the transform-service."
  type        = string
  default     = "0 0 * * *"
}

variable "weekly_snapshot_schedule" {
  description = "Cloud Scheduler cron (unix syntax) of the weekly snapshot: POST /snapshots/run on the snapshot-service."
  type        = string
  default     = "0 1 * * 0"
}

variable "loader_sweep_schedule" {
  description = "Cloud Scheduler cron (unix syntax) of the catch-up sweep: POST /loads/sweep on the loader-service."
  type        = string
  default     = "30 * * * *"
}

variable "schedule_time_zone" {
  description = "Time zone of the schedules."
  type        = string
  default     = "Etc/UTC"
}

variable "slack_webhook_secret_id" {
  description = "Secret Manager secret holding the Slack incoming webhook URL (estore.notify.slack.webhook-url); null: failures are only logged."
  type        = string
  default     = null
}

variable "omni_api_key_secret_id" {
  description = "Secret Manager secret holding the Omni API key (estore.omni.api-key) of the semantic-sync-service; null: not set."
  type        = string
  default     = null
}

variable "omni_base_url" {
  description = "estore.omni.base-url of the semantic-sync-service; empty: not set."
  type        = string
  default     = ""
}

variable "omni_model_id" {
  description = "estore.omni.model-id of the semantic-sync-service; empty: not set."
  type        = string
  default     = ""
}

variable "omni_connection_id" {
  description = "estore.omni.connection-id of the semantic-sync-service; empty: not set."
  type        = string
  default     = ""
}

variable "omni_branch_id" {
  description = "estore.omni.branch-id: the Omni model branch the sync writes its files to (required where the model requires pull requests); empty: the shared model."
  type        = string
  default     = ""
}

variable "omni_refresh_on_branch" {
  description = "estore.omni.refresh-on-branch: also refresh the schema on that branch (Omni's branch-based schema refresh)."
  type        = bool
  default     = false
}

variable "alert_notification_channels" {
  description = "Cloud Monitoring notification channel ids (projects/<p>/notificationChannels/<id>) the alert policies notify, on opening and on closing; empty: the incidents show in Cloud Monitoring only."
  type        = list(string)
  default     = []
}

variable "stale_source_after_minutes" {
  description = "Alert when no file was loaded for this long (Cloud Monitoring allows at most 1410 minutes of absence)."
  type        = number
  default     = 1380
  validation {
    condition     = var.stale_source_after_minutes >= 10 && var.stale_source_after_minutes <= 1410
    error_message = "stale_source_after_minutes must be between 10 and 1410."
  }
}
