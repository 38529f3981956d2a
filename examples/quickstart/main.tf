# Quick start: a backup policy for an ApsaraDB for Redis instance.
#
# scripts/quickstart applies this against the local emulators. Against a real
# account, drop kvstore_endpoint, set ALIBABA_CLOUD_ACCESS_KEY_ID /
# ALIBABA_CLOUD_ACCESS_KEY_SECRET, and use one of your own instance IDs.
terraform {
  required_providers {
    polybackup = {
      source = "polybackup/polybackup"
    }
  }
}

variable "kvstore_endpoint" {
  description = "R-kvstore API endpoint override (the local emulator's URL); null for the real cloud."
  type        = string
  default     = null
}

variable "instance_id" {
  description = "The Redis / Memcache instance whose backups are scheduled."
  type        = string
  default     = "r-quickstart0001"
}

provider "polybackup" {
  alicloud {
    region = "cn-hangzhou"
    endpoints {
      r_kvstore = var.kvstore_endpoint
    }
  }
}

resource "polybackup_kvstore_backup_policy" "nightly" {
  instance_id       = var.instance_id
  backup_period     = ["Monday", "Wednesday", "Friday"]
  backup_time       = "02:00Z-03:00Z"
  enable_backup_log = false
}

output "next_backup" {
  value = polybackup_kvstore_backup_policy.nightly.preferred_next_backup_time
}

output "retention_days" {
  value = polybackup_kvstore_backup_policy.nightly.backup_retention_period
}
