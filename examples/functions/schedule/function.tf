# Monday, Wednesday and Friday at 02:00 UTC, in every cloud's dialect:
#   .aws_cron             = "cron(0 2 ? * MON,WED,FRI *)"
#   .csbs_rrule           = "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=2;BYMINUTE=0"
#   .csbs_trigger_pattern = the rule in its calendar, as trigger_pattern takes it
#   .kvstore_period       = ["Monday", "Wednesday", "Friday"], .kvstore_time = "02:00Z-03:00Z"
#   .dbs_period           = "Monday,Wednesday,Friday", .dbs_start_time = "02:00"
locals {
  nightly = provider::polybackup::schedule(["MON", "WED", "FRI"], "02:00")
}

output "aws_cron" {
  value = local.nightly.aws_cron
}
