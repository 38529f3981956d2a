# A backup policy is imported by the ID of its instance.
terraform import polybackup_kvstore_backup_policy.example r-bp1234567890abcde
