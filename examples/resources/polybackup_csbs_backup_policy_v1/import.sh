# A policy is imported by its ID (optionally /week_backups=…,timezone=…).
terraform import polybackup_csbs_backup_policy_v1.backup_policy_v1 7056d636-ac60-4663-8a6c-82d3c32c1c64
