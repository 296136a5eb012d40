locals {
  bucket_name = var.bucket_name != "" ? var.bucket_name : "${var.project_id}-${var.prefix}raw"
}

resource "google_storage_bucket" "raw" {
  name                        = local.bucket_name
  location                    = var.bucket_location
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false

  depends_on = [google_project_service.api]
}

# Every finalized object is announced on object-notifications; the loader filters by prefix and suffix.
resource "google_storage_notification" "raw_objects" {
  bucket             = google_storage_bucket.raw.name
  topic              = google_pubsub_topic.topic["object-notifications"].id
  payload_format     = "JSON_API_V1"
  event_types        = ["OBJECT_FINALIZE"]
  object_name_prefix = var.loader_object_prefix != "" ? var.loader_object_prefix : null

  depends_on = [google_pubsub_topic_iam_member.gcs_publishes_notifications]
}

resource "google_pubsub_topic_iam_member" "gcs_publishes_notifications" {
  topic  = google_pubsub_topic.topic["object-notifications"].id
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:${data.google_storage_project_service_account.gcs.email_address}"
}

# The loader reads objects and moves refused ones under the quarantine prefix (copy + delete).
resource "google_storage_bucket_iam_member" "loader_objects" {
  bucket = google_storage_bucket.raw.name
  role   = "roles/storage.objectAdmin"
  member = google_service_account.service["loader-service"].member
}
