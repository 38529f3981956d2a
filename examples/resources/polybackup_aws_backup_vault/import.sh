# A backup vault is imported by its name.
terraform import polybackup_aws_backup_vault.example example-vault
