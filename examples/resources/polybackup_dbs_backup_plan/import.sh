# A DBS backup plan is imported by its plan ID. The password and the
# purchase parameters (period, used_time, database_region, storage_region,
# instance_type) are not reported by DBS and so are not imported.
terraform import polybackup_dbs_backup_plan.example dbstooi01ex1234
