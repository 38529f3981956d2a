# A backup plan is imported by its ID.
terraform import polybackup_aws_backup_plan.example 6f62b6ac-4b82-4f64-8d1b-bb4f3c0f0c1e
