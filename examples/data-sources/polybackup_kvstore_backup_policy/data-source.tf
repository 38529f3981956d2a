# Read the backup policy an instance has now, e.g. to reuse its window.
data "polybackup_kvstore_backup_policy" "current" {
  instance_id = "r-bp1234567890abcde"
}

output "backup_window" {
  value = data.polybackup_kvstore_backup_policy.current.backup_time
}
