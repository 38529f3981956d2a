# The reference providers' data source, with only the provider prefix changed.
data "polybackup_csbs_backup_policy_v1" "csbs_policy" {
  id = "7056d636-ac60-4663-8a6c-82d3c32c1c64"
}
