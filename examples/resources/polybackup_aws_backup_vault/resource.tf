# A vault encrypted with a customer managed key; destroying it also deletes
# the recovery points it holds.
resource "polybackup_aws_backup_vault" "example" {
  name          = "example-vault"
  kms_key_arn   = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  force_destroy = true

  tags = {
    team = "platform"
  }
}
