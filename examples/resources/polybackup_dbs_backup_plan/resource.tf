# Back up one database of an ApsaraDB RDS for MySQL instance twice a week,
# logically, billed pay-as-you-go, keeping backups for 740 days. (This is the
# Alibaba provider's alicloud_dbs_backup_plan example with the type renamed.)
variable "rds_password" {
  type      = string
  sensitive = true
  ephemeral = true # never written to plan or state (Terraform 1.10+)
}

resource "polybackup_dbs_backup_plan" "example" {
  backup_plan_name              = "orders-nightly"
  payment_type                  = "PayAsYouGo"
  instance_class                = "xlarge"
  backup_method                 = "logical"
  database_type                 = "MySQL"
  database_region               = "cn-hangzhou"
  storage_region                = "cn-hangzhou"
  instance_type                 = "RDS"
  source_endpoint_instance_type = "RDS"
  source_endpoint_region        = "cn-hangzhou"
  source_endpoint_instance_id   = "rm-bp1234567890abcde"
  source_endpoint_user_name     = "dbs_backup"
  backup_objects                = jsonencode([{ DBName = "orders" }])
  backup_period                 = "Monday,Thursday"
  backup_start_time             = "14:22"
  backup_storage_type           = "system"
  backup_retention_period       = 740

  # Write-only (Terraform 1.11+): sent to DBS, never stored. Bump the version
  # to send a rotated password.
  source_endpoint_password            = var.rds_password
  source_endpoint_password_wo_version = 1

  timeouts {
    create = "15m"
  }
}
