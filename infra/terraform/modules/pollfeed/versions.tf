terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      # 6.4 or newer: 6.0-6.3 broke publishing versions (hashicorp/terraform-provider-aws#43271, #43395, fixed by
      # #43416), and 5.x does not wait for a published SnapStart version to be Active before the alias moves (#42693).
      # The module also asks the new version itself before moving the alias (aws_lambda_invocation.api_ready).
      version = ">= 6.4.0, < 7.0"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.5"
    }
  }
}
