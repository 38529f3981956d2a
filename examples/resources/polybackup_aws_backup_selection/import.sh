# A backup selection is imported as <plan-id>|<selection-id>, as with the AWS provider.
terraform import polybackup_aws_backup_selection.example '6f62b6ac-4b82-4f64-8d1b-bb4f3c0f0c1e|a3c1f0e2-5d4b-4c3a-9f8e-7d6c5b4a3921'
