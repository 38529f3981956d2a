# A configuration written for opentelekomcloud_csbs_backup_policy_v1 (or
# huaweicloud_csbs_backup_policy_v1) with only the provider prefix changed.
resource "polybackup_csbs_backup_policy_v1" "backup_policy_v1" {
  name = "backup-policy"

  resource {
    id   = "3c2f0a4e-0b4d-4f5e-9a7b-1c2d3e4f5a6b"
    type = "OS::Nova::Server"
    name = "resource4"
  }

  scheduled_operation {
    name            = "mybackup"
    enabled         = true
    operation_type  = "backup"
    max_backups     = "2"
    trigger_pattern = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
  }
}

# Later, to the canonical type name without recreating the policy
# (Terraform 1.8 or later):
#
# resource "polybackup_csbs_policy" "backup_policy_v1" { ... }
#
# moved {
#   from = polybackup_csbs_backup_policy_v1.backup_policy_v1
#   to   = polybackup_csbs_policy.backup_policy_v1
# }
