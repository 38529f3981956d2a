# Read a backup plan, e.g. to report the schedules of its rules.
data "polybackup_aws_backup_plan" "current" {
  plan_id = "6f62b6ac-4b82-4f64-8d1b-bb4f3c0f0c1e"
}

output "schedules" {
  value = { for r in data.polybackup_aws_backup_plan.current.rule : r.rule_name => r.schedule }
}
