# A policy is imported by its ID.
terraform import polybackup_csbs_policy.example 7056d636-ac60-4663-8a6c-82d3c32c1c64

# The service never returns the long-term retention (day/week/month/year_backups,
# timezone); add it after a slash to import it as configured.
terraform import polybackup_csbs_policy.example \
  7056d636-ac60-4663-8a6c-82d3c32c1c64/week_backups=4,month_backups=6,timezone=UTC+01:00
