# Back up two servers every Monday and Thursday at 02:30 UTC, keep the last 14
# backups, and for the long term the latest backup of each of the last 4 weeks
# and 6 months (counted in UTC+01:00).
resource "polybackup_csbs_policy" "example" {
  name        = "web-servers"
  description = "Nightly backups of the web tier"

  resource {
    id   = "3c2f0a4e-0b4d-4f5e-9a7b-1c2d3e4f5a6b"
    type = "OS::Nova::Server"
    name = "web-1"
  }
  resource {
    id   = "5aa119a8-d25b-45a7-8d1b-88e127885635"
    type = "OS::Nova::Server"
    name = "web-2"
  }

  scheduled_operation {
    name            = "twice-a-week"
    enabled         = true
    operation_type  = "backup"
    trigger_pattern = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=2;BYMINUTE=30\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    max_backups     = 14
    week_backups    = 4
    month_backups   = 6
    timezone        = "UTC+01:00"
  }

  tags {
    key   = "team"
    value = "web"
  }

  timeouts {
    create = "10m"
    delete = "10m"
  }
}
