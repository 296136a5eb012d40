# One identity per service; its roles are granted beside the resources they open (bucket, topics,
# subscriptions, datasets, secrets).
resource "google_service_account" "service" {
  for_each     = local.services
  account_id   = "${var.prefix}${each.value.account_id}"
  display_name = "estore ${each.key} (${var.prefix})"

  depends_on = [google_project_service.api]
}

# Cloud Run: the identity Pub/Sub signs its push requests with; the only one besides the scheduler's that may
# invoke the services (run.invoker), which Cloud Run checks before a push reaches the app.
resource "google_service_account" "pubsub_push" {
  count        = local.push ? 1 : 0
  account_id   = "${var.prefix}pubsub-push"
  display_name = "estore Pub/Sub push (${var.prefix})"

  depends_on = [google_project_service.api]
}

# Pub/Sub mints the OIDC tokens of push requests as the push identity.
resource "google_service_account_iam_member" "agent_mints_push_tokens" {
  count              = local.push ? 1 : 0
  service_account_id = google_service_account.pubsub_push[0].name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_service_agent

  depends_on = [google_project_service_identity.pubsub]
}

# Cloud Run: the identity Cloud Scheduler calls the daily build, the weekly snapshot and the hourly sweep with.
resource "google_service_account" "scheduler" {
  count        = local.push ? 1 : 0
  account_id   = "${var.prefix}scheduler"
  display_name = "estore schedules (${var.prefix})"

  depends_on = [google_project_service.api]
}

# Kubernetes: each pod's Kubernetes service account (named after its service) acts as the service's identity.
resource "google_service_account_iam_member" "workload_identity" {
  for_each           = { for name, svc in local.services : name => svc if !local.push }
  service_account_id = google_service_account.service[each.key].name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.project_id}.svc.id.goog[${var.kubernetes_namespace}/${each.key}]"
}

resource "google_secret_manager_secret_iam_member" "slack_webhook" {
  for_each  = { for name, svc in local.services : name => svc if var.slack_webhook_secret_id != null }
  secret_id = var.slack_webhook_secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.service[each.key].member
}

resource "google_secret_manager_secret_iam_member" "omni_api_key" {
  count     = var.omni_api_key_secret_id == null ? 0 : 1
  secret_id = var.omni_api_key_secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.service["semantic-sync-service"].member
}
