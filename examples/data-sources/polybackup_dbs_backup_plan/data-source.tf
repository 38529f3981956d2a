# Read one backup plan by its ID, e.g. to show when it runs.
data "polybackup_dbs_backup_plan" "orders" {
  backup_plan_id = "dbstooi01ex1234"
}

output "orders_schedule" {
  value = "${data.polybackup_dbs_backup_plan.orders.backup_period} at ${data.polybackup_dbs_backup_plan.orders.backup_start_time} UTC"
}
