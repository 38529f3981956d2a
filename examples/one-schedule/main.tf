# One schedule, three clouds: an AWS Backup plan, a CSBS policy and an
# R-kvstore backup policy all back up on Monday, Wednesday and Friday at 02:00
# UTC, from a single declaration. A check block confirms that the AWS and CSBS
# schedules start at the same times.
#
# The acceptance suite applies this against the local emulators (the endpoint
# variables); against real accounts leave them null and set each cloud's
# credentials in the environment.
terraform {
  required_version = ">= 1.8" # provider functions
  required_providers {
    polybackup = {
      source = "polybackup/polybackup"
    }
  }
}

variable "aws_backup_endpoint" {
  type    = string
  default = null
}
variable "csbs_endpoint" {
  type    = string
  default = null
}
variable "iam_endpoint" {
  type    = string
  default = null
}
variable "kvstore_endpoint" {
  type    = string
  default = null
}
variable "kvstore_instance_id" {
  type    = string
  default = "r-quickstart0001"
}
variable "server_id" {
  description = "An ECS server the CSBS policy backs up."
  type        = string
  default     = "3c2f0a4e-0b4d-4f5e-9a7b-1c2d3e4f5a6b"
}

locals {
  backups = provider::polybackup::schedule(["Monday", "Wednesday", "Friday"], "02:00")
}

provider "polybackup" {
  aws {
    endpoints {
      backup = var.aws_backup_endpoint
    }
  }
  alicloud {
    endpoints {
      r_kvstore = var.kvstore_endpoint
    }
  }
  huaweicloud {
    endpoints {
      csbs = var.csbs_endpoint
      iam  = var.iam_endpoint
    }
  }
}

resource "polybackup_aws_backup_vault" "main" {
  name = "one-schedule"
}

resource "polybackup_aws_backup_plan" "main" {
  name = "one-schedule"
  rule {
    rule_name         = "mon-wed-fri"
    target_vault_name = polybackup_aws_backup_vault.main.name
    schedule          = local.backups.aws_cron
    lifecycle {
      delete_after = 35
    }
  }
}

resource "polybackup_csbs_policy" "main" {
  name = "one-schedule"
  resource {
    id   = var.server_id
    type = "OS::Nova::Server"
    name = "web-1"
  }
  scheduled_operation {
    name                    = "mon-wed-fri"
    operation_type          = "backup"
    trigger_pattern         = local.backups.csbs_trigger_pattern
    retention_duration_days = 35
  }
}

resource "polybackup_kvstore_backup_policy" "main" {
  instance_id   = var.kvstore_instance_id
  backup_period = local.backups.kvstore_period
  backup_time   = local.backups.kvstore_time
}

check "aws_and_csbs_agree" {
  assert {
    condition = (
      provider::polybackup::next_runs(one(polybackup_aws_backup_plan.main.rule[*].schedule), 6, plantimestamp()) ==
      provider::polybackup::next_runs(one(polybackup_csbs_policy.main.scheduled_operation[*].trigger_pattern), 6, plantimestamp())
    )
    error_message = "The AWS and CSBS schedules start at different times."
  }
}

output "schedule" {
  value = local.backups
}
