# Every backup plan of the region whose name starts with "prod-".
data "polybackup_aws_backup_plans" "prod" {
  name_regex = "^prod-"
}

output "prod_plan_ids" {
  value = data.polybackup_aws_backup_plans.prod.ids
}
