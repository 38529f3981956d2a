# Every running backup plan whose name starts with "orders-", across all
# pages of the region's plans.
data "polybackup_dbs_backup_plans" "orders" {
  name_regex = "^orders-"
  status     = "running"
}

output "orders_plan_ids" {
  value = data.polybackup_dbs_backup_plans.orders.ids
}

output "orders_payment_types" {
  value = { for p in data.polybackup_dbs_backup_plans.orders.plans : p.backup_plan_name => p.payment_type }
}
