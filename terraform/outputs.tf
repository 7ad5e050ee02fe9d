output "bucket" {
  description = "The lednet bucket."
  value       = google_storage_bucket.data.name
}

output "data_root" {
  description = "Where to put datasets, models and results (e.g. gcloud storage cp -r /data/cityscapes <data_root>/cityscapes)."
  value       = "gs://${google_storage_bucket.data.name}/data"
}

output "temp_location" {
  description = "--tempLocation for lednet commands (objects under it are deleted after temp_retention_days)."
  value       = "gs://${google_storage_bucket.data.name}/temp"
}

output "staging_location" {
  description = "--stagingLocation for lednet commands: the jars Dataflow stages for the workers."
  value       = "gs://${google_storage_bucket.data.name}/staging"
}

output "image_repository" {
  description = "The Docker repository to push the worker image to (gcloud auth configure-docker <region>-docker.pkg.dev first)."
  value       = "${google_artifact_registry_repository.images.location}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
}

output "worker_image" {
  description = "The worker image to build from runners/dataflow/Dockerfile and push: --sdkContainerImage."
  value       = "${google_artifact_registry_repository.images.location}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}/worker:${var.worker_image_tag}"
}

output "service_account_email" {
  description = "--serviceAccount for lednet commands: the Dataflow workers run as it."
  value       = google_service_account.worker.email
}

output "lednet_dataflow_options" {
  description = "Every Beam option a lednet command needs to run on Dataflow GPU workers in this project: ./lednet infer ... $(terraform output -raw lednet_dataflow_options)"

  precondition {
    condition     = (var.gpu_type == "nvidia-l4") == startswith(var.worker_machine_type, "g2-")
    error_message = "An nvidia-l4 needs a G2 machine type (g2-standard-4, ...) and an nvidia-tesla-t4 an N1 machine type (n1-standard-8, ...)."
  }

  value = join(" ", [
    "--runner=DataflowRunner",
    "--project=${var.project_id}",
    "--region=${var.region}",
    "--tempLocation=gs://${google_storage_bucket.data.name}/temp",
    "--stagingLocation=gs://${google_storage_bucket.data.name}/staging",
    "--serviceAccount=${google_service_account.worker.email}",
    "--sdkContainerImage=${google_artifact_registry_repository.images.location}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}/worker:${var.worker_image_tag}",
    "--experiments=use_runner_v2",
    "--workerMachineType=${var.worker_machine_type}",
    "--dataflowServiceOptions=worker_accelerator=type:${var.gpu_type};count:1;install-nvidia-driver",
    "--maxNumWorkers=${var.max_workers}",
    "--diskSizeGb=${var.disk_size_gb}",
  ])
}
