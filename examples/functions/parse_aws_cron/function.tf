# An existing AWS Backup schedule, carried to the other clouds.
output "kvstore_window" {
  value = provider::polybackup::parse_aws_cron("cron(0 5 ? * * *)").kvstore_time # "05:00Z-06:00Z"
}
