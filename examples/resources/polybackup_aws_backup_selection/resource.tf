resource "polybackup_aws_backup_vault" "example" {
  name = "example-vault"
}

resource "polybackup_aws_backup_plan" "example" {
  name = "daily"

  rule {
    rule_name         = "daily"
    target_vault_name = polybackup_aws_backup_vault.example.name
    schedule          = "cron(0 5 ? * * *)"
  }
}

# Back up every EBS volume and RDS database tagged backup = "daily", except
# one scratch volume.
resource "polybackup_aws_backup_selection" "example" {
  name         = "tagged-daily"
  plan_id      = polybackup_aws_backup_plan.example.id
  iam_role_arn = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"

  resources = [
    "arn:aws:ec2:*:*:volume/*",
    "arn:aws:rds:*:*:db:*",
  ]
  not_resources = ["arn:aws:ec2:eu-west-1:123456789012:volume/vol-0123456789abcdef0"]

  condition {
    string_equals {
      key   = "aws:ResourceTag/backup"
      value = "daily"
    }
  }
}
