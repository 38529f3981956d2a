# Read a vault made elsewhere, e.g. to copy backups into it.
data "polybackup_aws_backup_vault" "dr" {
  name = "disaster-recovery"
}

output "dr_vault_arn" {
  value = data.polybackup_aws_backup_vault.dr.arn
}
