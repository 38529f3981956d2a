# Daily backups kept 35 days (copied to a second vault), plus weekly ones that
# move to cold storage after 30 days and are kept a year.
resource "polybackup_aws_backup_vault" "main" {
  name = "main"
}

resource "polybackup_aws_backup_vault" "dr" {
  name = "disaster-recovery"
}

resource "polybackup_aws_backup_plan" "example" {
  name = "daily-and-weekly"

  rule {
    rule_name         = "daily"
    target_vault_name = polybackup_aws_backup_vault.main.name
    schedule          = "cron(0 5 ? * * *)" # every day at 05:00 UTC

    lifecycle {
      delete_after = 35
    }

    copy_action {
      destination_vault_arn = polybackup_aws_backup_vault.dr.arn

      lifecycle {
        delete_after = 35
      }
    }

    recovery_point_tags = {
      schedule = "daily"
    }
  }

  rule {
    rule_name                    = "weekly"
    target_vault_name            = polybackup_aws_backup_vault.main.name
    schedule                     = "cron(0 3 ? * SUN *)" # Sundays at 03:00 in Berlin
    schedule_expression_timezone = "Europe/Berlin"
    start_window                 = 120
    completion_window            = 720

    lifecycle {
      cold_storage_after = 30
      delete_after       = 365
    }
  }

  advanced_backup_setting {
    resource_type = "EC2"
    backup_options = {
      WindowsVSS = "enabled"
    }
  }

  tags = {
    team = "platform"
  }
}
