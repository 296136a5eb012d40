locals {
  topics = [
    "object-notifications",
    "raw-events-loaded",
    "models-built",
    "snapshots-taken",
    "semantic-layer-synced",
    "pipeline-failed",
  ]

  # Subscription name (after the prefix) => the topic it reads and the service that consumes it.
  # failure-notifier: every service pulls it (competing consumers, so each failure is notified once); pushed, it
  # goes to one service.
  subscriptions = {
    "loader-service.object-notifications"   = { topic = "object-notifications", consumers = ["loader-service"] }
    "transform-service.raw-events-loaded"   = { topic = "raw-events-loaded", consumers = ["transform-service"] }
    "snapshot-service.models-built"         = { topic = "models-built", consumers = ["snapshot-service"] }
    "semantic-sync-service.models-built"    = { topic = "models-built", consumers = ["semantic-sync-service"] }
    "semantic-sync-service.snapshots-taken" = { topic = "snapshots-taken", consumers = ["semantic-sync-service"] }
    "failure-notifier"                      = { topic = "pipeline-failed", consumers = keys(local.services) }
  }

  push_target = {
    for name, sub in local.subscriptions :
    name => length(sub.consumers) == 1 ? sub.consumers[0] : var.failure_notifier_push_service
  }

  subscribers = merge([
    for name, sub in local.subscriptions : {
      for consumer in sub.consumers : "${name}/${consumer}" => { subscription = name, service = consumer }
    }
  ]...)

  publishers = merge([
    for name, svc in local.services : {
      for topic in svc.publishes : "${topic}/${name}" => { topic = topic, service = name }
    }
  ]...)
}

resource "google_pubsub_topic" "topic" {
  for_each = toset(local.topics)
  name     = "${var.prefix}${each.value}"

  depends_on = [google_project_service.api]
}

# One dead-letter topic for every subscription: a dead letter carries its source subscription in the attribute
# CloudPubSubDeadLetterSourceSubscription.
resource "google_pubsub_topic" "dead_letter" {
  name = "${var.prefix}dead-letter"

  depends_on = [google_project_service.api]
}

# A topic without a subscription drops what it receives: this one keeps dead letters for inspection and replay.
resource "google_pubsub_subscription" "dead_letter" {
  name                       = "${var.prefix}dead-letter"
  topic                      = google_pubsub_topic.dead_letter.id
  ack_deadline_seconds       = 60
  message_retention_duration = "604800s"

  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_subscription" "subscription" {
  for_each = local.subscriptions
  name     = "${var.prefix}${each.key}"
  topic    = google_pubsub_topic.topic[each.value.topic].id

  # Pushed, the HTTP request is the lease: a load or a snapshot may take minutes (600 s is Pub/Sub's maximum).
  # Pulled, the client library extends the lease while the handler runs.
  ack_deadline_seconds       = local.push ? 600 : 60
  message_retention_duration = "604800s"

  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter.id
    max_delivery_attempts = var.max_delivery_attempts
  }

  expiration_policy {
    ttl = ""
  }

  dynamic "push_config" {
    for_each = local.push ? [local.push_target[each.key]] : []
    content {
      push_endpoint = "${google_cloud_run_v2_service.service[push_config.value].uri}/pubsub/push"

      oidc_token {
        service_account_email = google_service_account.pubsub_push[0].email
        audience              = local.audiences[push_config.value]
      }
    }
  }

  depends_on = [
    google_pubsub_topic_iam_member.agent_publishes_dead_letters,
  ]
}

resource "google_pubsub_topic_iam_member" "publisher" {
  for_each = local.publishers
  topic    = google_pubsub_topic.topic[each.value.topic].id
  role     = "roles/pubsub.publisher"
  member   = google_service_account.service[each.value.service].member
}

resource "google_pubsub_subscription_iam_member" "subscriber" {
  for_each     = local.subscribers
  subscription = google_pubsub_subscription.subscription[each.value.subscription].id
  role         = "roles/pubsub.subscriber"
  member       = google_service_account.service[each.value.service].member
}

# Dead-lettering: the Pub/Sub service agent publishes to the dead-letter topic and acknowledges on the source.
resource "google_pubsub_topic_iam_member" "agent_publishes_dead_letters" {
  topic  = google_pubsub_topic.dead_letter.id
  role   = "roles/pubsub.publisher"
  member = local.pubsub_service_agent

  depends_on = [google_project_service_identity.pubsub]
}

resource "google_pubsub_subscription_iam_member" "agent_forwards_dead_letters" {
  for_each     = local.subscriptions
  subscription = google_pubsub_subscription.subscription[each.key].id
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_service_agent

  depends_on = [google_project_service_identity.pubsub]
}
