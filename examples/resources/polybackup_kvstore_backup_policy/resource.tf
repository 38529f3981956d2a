# Back up an ApsaraDB for Redis instance three times a week, between 02:00 and
# 03:00 UTC, with append-only-file (log) backups enabled.
resource "polybackup_kvstore_backup_policy" "example" {
  instance_id       = "r-bp1234567890abcde"
  backup_period     = ["Monday", "Wednesday", "Friday"]
  backup_time       = "02:00Z-03:00Z"
  enable_backup_log = true

  timeouts {
    update = "40m"
  }
}
