variable "project_id" {
  description = "The Google Cloud project to set up (an existing project with billing enabled)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a project ID (6-30 lowercase letters, digits and hyphens, starting with a letter), not a project number or name."
  }
}

variable "region" {
  description = "The region of the bucket, the image repository and the Dataflow workers; pick one with the GPU you want (L4: e.g. us-central1, europe-west4)."
  type        = string
  default     = "us-central1"

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region must be a Google Cloud region such as us-central1 (not a zone such as us-central1-a)."
  }
}

variable "bucket_name" {
  description = "Name of the bucket for data, staging and temp files; empty: <project_id>-lednet."
  type        = string
  default     = ""

  validation {
    condition     = var.bucket_name == "" || can(regex("^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be 3-63 lowercase letters, digits, hyphens and underscores, starting and ending with a letter or digit."
  }
}

variable "temp_retention_days" {
  description = "Days after which objects under temp/ (Dataflow and lednet temporary files) are deleted."
  type        = number
  default     = 7

  validation {
    condition     = var.temp_retention_days >= 1 && var.temp_retention_days <= 365 && floor(var.temp_retention_days) == var.temp_retention_days
    error_message = "temp_retention_days must be a whole number of days from 1 to 365."
  }
}

variable "force_destroy" {
  description = "Whether terraform destroy may delete the bucket while it still holds objects (your data and results)."
  type        = bool
  default     = false
}

variable "repository_id" {
  description = "ID of the Artifact Registry Docker repository for the worker image."
  type        = string
  default     = "lednet"

  validation {
    condition     = can(regex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", var.repository_id))
    error_message = "repository_id must be lowercase letters, digits and hyphens, starting with a letter, at most 63 characters."
  }
}

variable "worker_image_tag" {
  description = "Tag of the worker image (runners/dataflow/Dockerfile) that the lednet options point at."
  type        = string
  default     = "0.1.0"

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.worker_image_tag))
    error_message = "worker_image_tag must be a Docker tag: letters, digits, '_', '.', '-', at most 128 characters."
  }
}

variable "service_account_id" {
  description = "Account ID of the Dataflow worker service account (the part before the @)."
  type        = string
  default     = "lednet-dataflow-worker"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.service_account_id))
    error_message = "service_account_id must be 6-30 lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "job_launchers" {
  description = "Members who launch lednet jobs (e.g. [\"user:you@example.com\"]): they may create Dataflow jobs, run them as the worker service account, use the bucket's objects and push the worker image. Project owners need not be listed."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for m in var.job_launchers : can(regex("^(user|group|serviceAccount|domain):", m))])
    error_message = "Each job launcher must be an IAM member such as user:you@example.com, group:team@example.com or serviceAccount:ci@project.iam.gserviceaccount.com."
  }
}

variable "gpu_type" {
  description = "The GPU each Dataflow worker gets: nvidia-l4 (with a G2 machine type) or nvidia-tesla-t4 (with an N1 machine type)."
  type        = string
  default     = "nvidia-l4"

  validation {
    condition     = contains(["nvidia-l4", "nvidia-tesla-t4"], var.gpu_type)
    error_message = "gpu_type must be nvidia-l4 or nvidia-tesla-t4: the worker image's libtorch (CUDA 12.8) runs on these; older cards lack its kernels."
  }
}

variable "worker_machine_type" {
  description = "Machine type of the Dataflow workers: g2-standard-* for an L4, n1-standard-*/n1-highmem-* for a T4."
  type        = string
  default     = "g2-standard-4"

  validation {
    condition     = can(regex("^(g2|n1)-[a-z]+-[0-9]+$", var.worker_machine_type))
    error_message = "worker_machine_type must be a G2 (for nvidia-l4) or N1 (for nvidia-tesla-t4) machine type, e.g. g2-standard-4 or n1-standard-8."
  }
}

variable "max_workers" {
  description = "Most workers (GPUs) a lednet job may scale to; keep it within your regional GPU quota."
  type        = number
  default     = 4

  validation {
    condition     = var.max_workers >= 1 && var.max_workers <= 1000 && floor(var.max_workers) == var.max_workers
    error_message = "max_workers must be a whole number from 1 to 1000."
  }
}

variable "disk_size_gb" {
  description = "Boot disk of each worker in GB: the worker image is about 6 GB unpacked."
  type        = number
  default     = 50

  validation {
    condition     = var.disk_size_gb >= 30 && var.disk_size_gb <= 2000
    error_message = "disk_size_gb must be from 30 (the image needs room) to 2000."
  }
}

variable "labels" {
  description = "Labels put on the bucket and the repository."
  type        = map(string)
  default     = { app = "lednet" }
}
