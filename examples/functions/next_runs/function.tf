locals {
  backup_schedule = "cron(0 2 ? * MON,WED,FRI *)"
}

# When the next three backups start (UTC), as of this plan.
output "next_backups" {
  value = provider::polybackup::next_runs(local.backup_schedule, 3, plantimestamp())
}

# A check block can hold a schedule to what was intended: at least one backup
# in the coming 72 hours.
check "backs_up_within_three_days" {
  assert {
    condition = timecmp(
      provider::polybackup::next_runs(local.backup_schedule, 1, plantimestamp())[0],
      timeadd(plantimestamp(), "72h")
    ) <= 0
    error_message = "The schedule has no backup in the next 72 hours."
  }
}
