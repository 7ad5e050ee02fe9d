locals {
  bucket_name = var.bucket_name != "" ? var.bucket_name : "${var.project_id}-lednet"

  # What a Dataflow job of lednet needs: the Dataflow service and its Compute Engine workers,
  # Cloud Storage, Cloud Logging for worker logs, Artifact Registry for the worker image, and IAM
  # plus Resource Manager for the service account and its roles below.
  apis = toset([
    "artifactregistry.googleapis.com",
    "cloudresourcemanager.googleapis.com",
    "compute.googleapis.com",
    "dataflow.googleapis.com",
    "iam.googleapis.com",
    "logging.googleapis.com",
    "storage.googleapis.com",
  ])

  worker_member = "serviceAccount:${google_service_account.worker.email}"
}

resource "google_project_service" "apis" {
  for_each = local.apis

  project            = var.project_id
  service            = each.value
  disable_on_destroy = false
}

# One bucket for everything lednet reads and writes: data/ (datasets, models, results),
# staging/ (the jars Dataflow stages) and temp/ (Dataflow's and lednet's temporary files).
resource "google_storage_bucket" "data" {
  project                     = var.project_id
  name                        = local.bucket_name
  location                    = upper(var.region)
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = var.force_destroy
  labels                      = var.labels

  lifecycle_rule {
    condition {
      age            = var.temp_retention_days
      matches_prefix = ["temp/"]
    }
    action {
      type = "Delete"
    }
  }

  lifecycle_rule {
    condition {
      age = 1
    }
    action {
      type = "AbortIncompleteMultipartUpload"
    }
  }

  depends_on = [google_project_service.apis]
}

resource "google_artifact_registry_repository" "images" {
  project       = var.project_id
  location      = var.region
  repository_id = var.repository_id
  format        = "DOCKER"
  description   = "lednet Dataflow worker images (runners/dataflow/Dockerfile)"
  labels        = var.labels

  depends_on = [google_project_service.apis]
}

resource "google_service_account" "worker" {
  project      = var.project_id
  account_id   = var.service_account_id
  display_name = "lednet Dataflow workers"
  description  = "Runs lednet's Dataflow workers: Dataflow worker, objects of the lednet bucket, reads the worker image."

  depends_on = [google_project_service.apis]
}

# The least a Dataflow worker needs: to be a Dataflow worker in the project (work items, shuffle,
# logs and metrics of its job) ...
resource "google_project_iam_member" "worker_dataflow" {
  project = var.project_id
  role    = "roles/dataflow.worker"
  member  = local.worker_member
}

# ... to read and write objects (not the bucket's settings or IAM) in the lednet bucket only ...
resource "google_storage_bucket_iam_member" "worker_objects" {
  bucket = google_storage_bucket.data.name
  role   = "roles/storage.objectUser"
  member = local.worker_member
}

# ... and to pull the worker image from this repository only.
resource "google_artifact_registry_repository_iam_member" "worker_pull" {
  project    = var.project_id
  location   = google_artifact_registry_repository.images.location
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.reader"
  member     = local.worker_member
}

# Whoever launches jobs (job_launchers) may create Dataflow jobs, run them as the worker service
# account, put data in and read results from the bucket, and push the worker image. Project
# owners can do all of this already.
resource "google_service_account_iam_member" "launchers" {
  for_each = toset(var.job_launchers)

  service_account_id = google_service_account.worker.name
  role               = "roles/iam.serviceAccountUser"
  member             = each.value
}

resource "google_project_iam_member" "launchers_dataflow" {
  for_each = toset(var.job_launchers)

  project = var.project_id
  role    = "roles/dataflow.developer"
  member  = each.value
}

resource "google_storage_bucket_iam_member" "launchers_objects" {
  for_each = toset(var.job_launchers)

  bucket = google_storage_bucket.data.name
  role   = "roles/storage.objectUser"
  member = each.value
}

resource "google_artifact_registry_repository_iam_member" "launchers_push" {
  for_each = toset(var.job_launchers)

  project    = var.project_id
  location   = google_artifact_registry_repository.images.location
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.writer"
  member     = each.value
}
