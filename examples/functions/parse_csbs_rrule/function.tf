# A CSBS rule (bare, or as a trigger pattern), carried to the other clouds.
output "aws_cron" {
  value = provider::polybackup::parse_csbs_rrule("FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=0").aws_cron
}
