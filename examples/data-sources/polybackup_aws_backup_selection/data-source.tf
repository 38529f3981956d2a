# Read which resources a selection backs up.
data "polybackup_aws_backup_selection" "current" {
  plan_id      = "6f62b6ac-4b82-4f64-8d1b-bb4f3c0f0c1e"
  selection_id = "a3c1f0e2-5d4b-4c3a-9f8e-7d6c5b4a3921"
}

output "selected" {
  value = data.polybackup_aws_backup_selection.current.resources
}
