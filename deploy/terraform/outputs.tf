output "bucket" {
  description = "The raw bucket: upload event files here."
  value       = google_storage_bucket.raw.name
}

output "datasets" {
  description = "BigQuery dataset ids by layer."
  value       = { for name, ds in google_bigquery_dataset.dataset : name => ds.dataset_id }
}

output "image_registry" {
  description = "Push the service images here."
  value       = local.image_registry
}

output "images" {
  description = "The image each service runs."
  value       = local.images
}

output "service_accounts" {
  description = "Each service's identity (Kubernetes: the iam.gke.io/gcp-service-account annotation)."
  value       = { for name, sa in google_service_account.service : name => sa.email }
}

output "service_urls" {
  description = "Cloud Run URLs (deployment_target = cloudrun)."
  value       = { for name, svc in google_cloud_run_v2_service.service : name => svc.uri }
}

output "pubsub_push_service_account" {
  description = "The identity of Pub/Sub push requests, the services' invoker (Cloud Run checks its tokens)."
  value       = local.push ? google_service_account.pubsub_push[0].email : null
}

output "audiences" {
  description = "OIDC audience of each service: the Cloud Run custom audience of its push and scheduler tokens."
  value       = local.audiences
}
