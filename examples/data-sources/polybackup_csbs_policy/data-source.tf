# One policy, by name; an error when none or several match.
data "polybackup_csbs_policy" "web" {
  name = "web-servers"
}

output "web_backup_schedule" {
  value = [for op in data.polybackup_csbs_policy.web.scheduled_operation : op.trigger_pattern]
}
