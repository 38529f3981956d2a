terraform {
  required_providers {
    polybackup = {
      source = "polybackup/polybackup"
    }
  }
}

# One provider block configures all three clouds; each block is optional and
# a resource of a cloud whose block (and environment) is missing fails at plan
# time with a clear diagnostic.
provider "polybackup" {
  aws {
    region = "eu-west-1"
    # Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN,
    # or profile = "backup-admin" with the shared config and credentials files.
  }

  alicloud {
    region = "cn-hangzhou"
    # Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET.
  }

  huaweicloud {
    cloud  = "otc.t-systems.com"
    region = "eu-de"
    # AK/SK: HW_ACCESS_KEY / HW_SECRET_KEY, or user_name, password and
    # domain_name for a Keystone token.
  }
}
