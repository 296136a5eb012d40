# Alert policies: what should reach a person, through the Cloud Monitoring notification channels listed in
# var.alert_notification_channels (Slack, e-mail, PagerDuty: create them once in Cloud Monitoring). Each policy
# notifies when its incident opens and again when it closes, so a recovery is announced as well as the failure.
#
# Pipeline failures are counted from the services' logs: on Google Cloud they are JSON (gcp-adapters'
# application.properties) and FailureReporter writes one line per failure, "[<service>] <stage> failed for
# <subject>: <reason>". Dead letters come from Pub/Sub's own metric on the dead-letter subscription, and a stale
# source from the absence of successful loads ("Loaded <object> as load-...", LoaderService).

locals {
  estore_logs = "(resource.type=\"cloud_run_revision\" OR resource.type=\"k8s_container\")"

  # Log-based metric (after the prefix) => what it counts, and the regular expression its log message matches.
  failure_metrics = {
    "failed-builds" = {
      description = "Builds that failed: a model or one of its blocking data tests"
      logger      = "dev.estore.shared.failures.FailureReporter"
      message     = "^\\[transform-service\\] build failed for "
    }
    "load-errors" = {
      description = "Files that failed to load or were quarantined"
      logger      = "dev.estore.shared.failures.FailureReporter"
      message     = "^\\[loader-service\\] (load|validate) failed for "
    }
  }
  loads_metric = {
    description = "Files loaded into raw.events"
    logger      = "dev.estore.loader.LoaderService"
    message     = "^Loaded .* as load-"
  }
}

resource "google_logging_metric" "failures" {
  for_each    = local.failure_metrics
  name        = "${var.prefix}${each.key}"
  description = each.value.description
  filter      = "${local.estore_logs} AND jsonPayload.loggerName=\"${each.value.logger}\" AND jsonPayload.message=~\"${each.value.message}\""

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"
  }

  depends_on = [google_project_service.api]
}

resource "google_logging_metric" "loads" {
  name        = "${var.prefix}loads"
  description = local.loads_metric.description
  filter      = "${local.estore_logs} AND jsonPayload.loggerName=\"${local.loads_metric.logger}\" AND jsonPayload.message=~\"${local.loads_metric.message}\""

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"
  }

  depends_on = [google_project_service.api]
}

resource "google_monitoring_alert_policy" "failures" {
  for_each     = local.failure_metrics
  display_name = "${var.prefix}${each.key}"
  combiner     = "OR"

  conditions {
    display_name = "${each.value.description}: at least one in 5 minutes"
    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.failures[each.key].name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }

  alert_strategy {
    auto_close           = "1800s"
    notification_prompts = ["OPENED", "CLOSED"]
  }

  documentation {
    mime_type = "text/markdown"
    content   = "${each.value.description}. The logs say which file or run and why: `jsonPayload.loggerName=\"${each.value.logger}\"`; Slack (ESTORE_NOTIFY_SLACK_WEBHOOK_URL) has the same line. Runs: `GET /runs` on the transform; loads: `GET /loads` on the loader."
  }

  notification_channels = var.alert_notification_channels
}

resource "google_monitoring_alert_policy" "dead_letters" {
  display_name = "${var.prefix}dead-letters"
  combiner     = "OR"

  conditions {
    display_name = "Messages in the dead-letter subscription"
    condition_threshold {
      filter          = "resource.type=\"pubsub_subscription\" AND resource.labels.subscription_id=\"${google_pubsub_subscription.dead_letter.name}\" AND metric.type=\"pubsub.googleapis.com/subscription/num_undelivered_messages\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  alert_strategy {
    notification_prompts = ["OPENED", "CLOSED"]
  }

  documentation {
    mime_type = "text/markdown"
    content   = "A message was given up on after ${var.max_delivery_attempts} delivery attempts and kept in `${google_pubsub_subscription.dead_letter.name}`: pull it to read it (its attributes name the subscription), fix the cause, then replay it to its topic or load the file with `POST /loads`."
  }

  notification_channels = var.alert_notification_channels
}

resource "google_monitoring_alert_policy" "stale_source" {
  display_name = "${var.prefix}stale-source"
  combiner     = "OR"

  conditions {
    display_name = "No file loaded for ${var.stale_source_after_minutes} minutes"
    condition_absent {
      filter   = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.loads.name}\""
      duration = "${var.stale_source_after_minutes * 60}s"
      aggregations {
        alignment_period     = "600s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM" # one series per revision: a deploy must not look like silence
      }
    }
  }

  alert_strategy {
    notification_prompts = ["OPENED", "CLOSED"]
  }

  documentation {
    mime_type = "text/markdown"
    content   = "No events file was loaded for ${var.stale_source_after_minutes} minutes: are files still arriving in the bucket, and is its notification to object-notifications in place? `./estore cloud check` inspects both; `POST /loads/sweep` on the loader loads what a lost notification missed."
  }

  notification_channels = var.alert_notification_channels
}
