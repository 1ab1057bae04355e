# Example root module: pollfeed with a created RDS PostgreSQL + RDS Proxy in existing private subnets, and
# CloudFront in front. Build first (`./mvnw package` at the repository root), then:
#
#   cd infra/terraform/examples/basic
#   terraform init
#   terraform apply -var 'vpc_id=vpc-0123456789abcdef0' -var 'subnet_ids=["subnet-aaa","subnet-bbb"]' \
#     -var 'alarm_email=ops@example.com'
#
# The module creates the security groups (functions -> RDS Proxy -> RDS on 5432 only), runs the migrations and moves
# the API's alias only after they succeeded (docs/deploy.md, "First deploy on a new account").
#
# Every channel is private; the admin key that creates API keys is in Secrets Manager:
#
#   aws secretsmanager get-secret-value --secret-id "$(terraform output -raw admin_key_secret_arn)" \
#     --query SecretString --output text

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.4.0, < 7.0" # see modules/pollfeed/versions.tf
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.5"
    }
  }
}

variable "region" {
  description = "AWS region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "name" {
  description = "Name prefix of every resource."
  type        = string
  default     = "pollfeed"
}

variable "runtime" {
  description = "jvm or native (native needs target/function.zip from `./mvnw package -Dnative`)."
  type        = string
  default     = "jvm"
}

variable "vpc_id" {
  description = "VPC of the subnets; the module creates the security groups in it."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets in two AZs or more (no NAT needed: the functions only talk to the RDS Proxy)."
  type        = list(string)
}

variable "alarm_email" {
  description = "Address subscribed to the alarms (empty: none)."
  type        = string
  default     = ""
}

provider "aws" {
  region = var.region
}

module "pollfeed" {
  source = "../../modules/pollfeed"

  name         = var.name
  package_path = "${path.root}/../../../../target/function.zip"
  runtime      = var.runtime

  vpc_id      = var.vpc_id
  subnet_ids  = var.subnet_ids
  alarm_email = var.alarm_email

  create_database         = true
  database_instance_class = "db.t4g.micro"

  cors_allowed_origins   = ["*"]
  throttling_burst_limit = 1000 # the request limit on Lambda, for all callers together
  throttling_rate_limit  = 2000
  enable_cdn             = true

  # Security (docs/security.md): channels anyone may read, or publish to, without credentials.
  public_read_patterns    = []
  public_publish_patterns = []
  # Browser tokens signed by your backend, HS256 with a secret in Secrets Manager and/or RS256/ES256 public keys:
  # jwt_secret_arn  = "arn:aws:secretsmanager:us-east-1:123456789012:secret:pollfeed-jwt-AbCdEf"
  # jwt_public_keys = [file("${path.root}/token-signing-public.pem")]
  # jwt_audience    = "pollfeed"

  tags = {
    application = "pollfeed"
  }
}
