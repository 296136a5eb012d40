locals {
  # BigQuery dataset ids allow no '-': estore-dev- becomes estore_dev_ (estore.bigquery.dataset-prefix).
  dataset_prefix = replace(var.prefix, "-", "_")
  datasets       = ["raw", "staging", "intermediate", "marts", "snapshots", "ops"]

  dataset_access = merge([
    for name, svc in local.services : merge(
      { for d in svc.reads_datasets : "${d}/${name}/viewer" => { dataset = d, service = name, role = "roles/bigquery.dataViewer" } },
      { for d in svc.edits_datasets : "${d}/${name}/editor" => { dataset = d, service = name, role = "roles/bigquery.dataEditor" } },
    )
  ]...)
}

resource "google_bigquery_dataset" "dataset" {
  for_each                   = toset(local.datasets)
  dataset_id                 = "${local.dataset_prefix}${each.value}"
  location                   = var.bigquery_location
  description                = "estore ${each.value} (${var.prefix})"
  delete_contents_on_destroy = false
  # Builds rewrite whole tables and partitions; time travel keeps every rewritten byte (billed as storage) for
  # this long. Two days, BigQuery's minimum, is enough for the recovery story: a bad build is undone by a full
  # refresh, not by time travel, and a rewritten table's previous state is needed only until it is audited.
  max_time_travel_hours = 48

  depends_on = [google_project_service.api]
}

resource "google_bigquery_dataset_iam_member" "access" {
  for_each   = local.dataset_access
  dataset_id = google_bigquery_dataset.dataset[each.value.dataset].dataset_id
  role       = each.value.role
  member     = google_service_account.service[each.value.service].member
}

# Every service runs query or load jobs; the datasets it may read or change are granted one by one above.
resource "google_project_iam_member" "job_user" {
  for_each = local.services
  project  = var.project_id
  role     = "roles/bigquery.jobUser"
  member   = google_service_account.service[each.key].member
}
