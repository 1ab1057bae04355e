# pollfeed on AWS: HTTP API (payload 2.0) -> Lambda alias "live" (JVM + SnapStart, or native on provided.al2023)
# -> PostgreSQL (created: RDS + RDS Proxy + Secrets Manager, or an existing one), a migration function invoked by
# `terraform apply`, and an optional CloudFront distribution. The same resources as infra/sam/template.yaml. Channels
# are private until public_read_patterns opens some; the bootstrap admin key is generated into Secrets Manager.

data "aws_partition" "current" {}

data "aws_region" "current" {}

data "aws_secretsmanager_secret_version" "existing" {
  count     = var.create_database ? 0 : 1
  secret_id = var.existing_database_secret_arn
}

# Read at every plan, like the existing database's secret: a rotated JWT secret reaches the API function on the next
# apply.
data "aws_secretsmanager_secret_version" "jwt" {
  count     = var.jwt_secret_arn == "" ? 0 : 1
  secret_id = var.jwt_secret_arn
}

locals {
  is_jvm     = var.runtime == "jvm"
  use_vpc    = var.create_database || length(var.subnet_ids) > 0
  use_reader = !var.create_database && var.existing_database_reader_host != ""

  db_host     = var.create_database ? aws_db_proxy.this[0].endpoint : var.existing_database_host
  db_port     = var.create_database ? 5432 : var.existing_database_port
  db_ssl_mode = var.create_database ? "verify-full" : var.existing_database_ssl_mode
  # existing_database_ssl_mode = "require", the documented opt-out: TLS that checks neither the CA nor the host name.
  tls_unverified = !var.create_database && var.existing_database_ssl_mode == "require"
  # Two string conditionals rather than one over objects: an existing secret usually holds more keys (engine,
  # host, ...) than the generated credentials, and Terraform rejects conditionals whose object types differ.
  generated_username = "pollfeed"
  db_username        = var.create_database ? local.generated_username : jsondecode(data.aws_secretsmanager_secret_version.existing[0].secret_string)["username"]
  db_password        = var.create_database ? random_password.database[0].result : jsondecode(data.aws_secretsmanager_secret_version.existing[0].secret_string)["password"]

  # FrontDoorHandler: Quarkus's handler, plus the translation of load balancer events (front_door = "alb").
  handler     = local.is_jvm ? "dev.pollfeed.lambda.FrontDoorHandler::handleRequest" : "not.used.in.provided.runtime"
  runtime     = local.is_jvm ? "java21" : "provided.al2023"
  memory_size = local.is_jvm ? var.memory_size : var.native_memory_size
  region      = data.aws_region.current.name
  tags        = merge({ application = "pollfeed" }, var.tags)

  function_security_group_ids = local.use_vpc ? concat([aws_security_group.function[0].id], var.function_security_group_ids) : []
  database_security_group_ids = var.create_database ? concat([aws_security_group.database[0].id], var.database_security_group_ids) : []

  # Read by both functions.
  common_environment = merge(
    {
      QUARKUS_DATASOURCE_REACTIVE_URL      = "postgresql://${local.db_host}:${local.db_port}/${var.database_name}?sslmode=${local.db_ssl_mode}"
      QUARKUS_DATASOURCE_USERNAME          = local.db_username
      QUARKUS_DATASOURCE_PASSWORD          = local.db_password
      QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE = "2"
      POLLFEED_RETENTION_MAX_AGE           = var.retention_max_age
      POLLFEED_RETENTION_MAX_EVENTS        = tostring(var.retention_max_events)
      # Hibernate needs the JDBC datasource defined in both functions; only the migrations connect through it.
      QUARKUS_DATASOURCE_JDBC_URL = "jdbc:postgresql://${local.db_host}:${local.db_port}/${var.database_name}?sslmode=${local.db_ssl_mode}"
    },
    # verify-full trusts these CAs, for the reactive pools and the JDBC migration alike (dev.pollfeed.lambda).
    { QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS = var.database_ca_certificate_path },
    local.is_jvm ? { JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1" } : {},
    # What Quarkus's own native Lambda template sets: the runtime, not the executable, handles signals.
    local.is_jvm ? {} : { DISABLE_SIGNAL_HANDLERS = "true" },
    local.tls_unverified ? {
      QUARKUS_DATASOURCE_REACTIVE_TRUST_ALL                       = "true"
      QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM           = "false"
      QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM = "NONE"
    } : {},
  )

  # Security (docs/security.md), read by the API function only: the migration and maintenance functions serve no
  # authenticated endpoint, so they get neither the admin key nor the token keys.
  security_environment = merge(
    { POLLFEED_SECURITY_ADMIN_KEY = random_password.admin_key.result },
    length(var.public_read_patterns) > 0 ? { POLLFEED_SECURITY_PUBLIC_READ = join(",", var.public_read_patterns) } : {},
    length(var.public_publish_patterns) > 0 ? { POLLFEED_SECURITY_PUBLIC_PUBLISH = join(",", var.public_publish_patterns) } : {},
    var.jwt_secret_arn != "" ? { POLLFEED_SECURITY_JWT_SECRET = data.aws_secretsmanager_secret_version.jwt[0].secret_string } : {},
    length(var.jwt_public_keys) > 0 ? { POLLFEED_SECURITY_JWT_PUBLIC_KEYS = join(",", var.jwt_public_keys) } : {},
    var.jwt_jwks_url != "" ? { POLLFEED_SECURITY_JWT_JWKS_URL = var.jwt_jwks_url } : {},
    var.jwt_issuer != "" ? { POLLFEED_SECURITY_JWT_ISSUER = var.jwt_issuer } : {},
    var.jwt_audience != "" ? { POLLFEED_SECURITY_JWT_AUDIENCE = var.jwt_audience } : {},
    # The service's own CORS (servers, and paths API Gateway passes through) allows the same list.
    local.cors_enabled ? { POLLFEED_CORS_ORIGINS = join(",", var.cors_allowed_origins) } : {},
  )

  cors_enabled    = length(var.cors_allowed_origins) > 0
  cors_allows_all = contains(var.cors_allowed_origins, "*")
  # No allow_credentials: credentials travel in the Authorization header, never in cookies.
  cors_headers = {
    allow_methods  = ["GET", "POST", "DELETE", "OPTIONS"]
    allow_headers  = ["Authorization", "Content-Type", "If-None-Match", "Idempotency-Key"]
    expose_headers = ["ETag", "Poll-Interval", "Retry-After", "Idempotent-Replayed", "Location"]
  }
  # Authorization: the only way CloudFront forwards it on GET (an origin request policy may not), and a second guard: a
  # cached answer is only ever served to a request with the same credentials. Private answers are "private" and never
  # stored; anonymous requests (no header) still share the cached public answers.
  cache_key_headers = concat(["Authorization"], local.cors_allows_all ? [] : ["Origin"])
  origin_request_headers = concat(
    ["Content-Type", "Idempotency-Key", "Access-Control-Request-Method", "Access-Control-Request-Headers"],
    local.cors_allows_all ? ["Origin"] : [],
  )
  # Every `in: query` parameter of src/main/resources/META-INF/openapi.yaml (infra/validate checks it): one left out
  # would be dropped at the edge, and the answer without it cached for every value of it.
  cache_query_strings = ["since", "limit", "channels", "bucket", "from", "to"]
  # cors_allowed_origins = ["*"]: the cache key has no Origin (one cached answer for every site), and API Gateway adds
  # CORS headers only to requests that carry one, so an answer first fetched without Origin would be cached without
  # them and then served to browsers. The edge adds them to every answer instead.
  cdn_cors_at_the_edge = var.enable_cdn && local.cors_allows_all
  # CloudFront honours "no-store" on errors only for 404, 410, 414 and 501; any other error it would keep for 10 s (a
  # 403 for one key, a 503 after the database is back). Every pollfeed error is no-store: keep none.
  uncached_error_codes = [400, 403, 405, 500, 502, 503, 504]
}

# --- Parameter combinations refused before anything is created ---------------------------------------------------

resource "terraform_data" "parameter_checks" {
  lifecycle {
    precondition {
      condition     = !var.create_database || (var.vpc_id != "" && length(var.subnet_ids) >= 2)
      error_message = "create_database needs vpc_id and subnet_ids in at least two Availability Zones."
    }
    precondition {
      condition     = (var.vpc_id == "") == (length(var.subnet_ids) == 0)
      error_message = "vpc_id and subnet_ids go together: the subnets are private subnets of that VPC."
    }
    precondition {
      condition     = var.create_database || (var.existing_database_host != "" && var.existing_database_secret_arn != "")
      error_message = "With create_database = false, set existing_database_host and existing_database_secret_arn."
    }
    precondition {
      condition     = !var.create_database || var.existing_database_reader_host == ""
      error_message = "existing_database_reader_host is for create_database = false only."
    }
    precondition {
      condition     = var.front_door != "alb" || (var.alb_vpc_id != "" && length(var.alb_subnet_ids) >= 2)
      error_message = "front_door = \"alb\" needs alb_vpc_id and alb_subnet_ids (public subnets in at least two Availability Zones)."
    }
  }
}

# --- Network: the functions reach the database (or RDS Proxy) on 5432, and nothing else does ---------------------

resource "aws_security_group" "function" {
  count       = local.use_vpc ? 1 : 0
  name_prefix = "${var.name}-functions-"
  description = "pollfeed functions (${var.name})"
  vpc_id      = var.vpc_id
  tags        = local.tags

  # Out to the database and, through a NAT gateway, to a JWKS URL.
  egress {
    description = "any destination"
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }

  lifecycle {
    create_before_destroy = true
  }
  depends_on = [terraform_data.parameter_checks]
}

resource "aws_security_group" "database" {
  count       = var.create_database ? 1 : 0
  name_prefix = "${var.name}-database-"
  description = "pollfeed database and RDS Proxy (${var.name})"
  vpc_id      = var.vpc_id
  tags        = local.tags

  ingress {
    description     = "pollfeed functions to RDS Proxy"
    protocol        = "tcp"
    from_port       = 5432
    to_port         = 5432
    security_groups = [aws_security_group.function[0].id]
  }

  # RDS Proxy -> RDS instance: both carry this group.
  ingress {
    description = "RDS Proxy to the RDS instance"
    protocol    = "tcp"
    from_port   = 5432
    to_port     = 5432
    self        = true
  }

  lifecycle {
    create_before_destroy = true
  }
}

# --- Security: the bootstrap admin key -------------------------------------------------------------------------

# 48 letters and digits (about 285 bits): a bearer token with no character to escape. Read it with the
# admin_key_secret_arn output; rotate it with `terraform apply -replace=module.<name>.random_password.admin_key`.
resource "random_password" "admin_key" {
  length  = 48
  special = false
}

resource "aws_secretsmanager_secret" "admin_key" {
  name_prefix = "${var.name}-admin-key-"
  description = "pollfeed bootstrap admin key (${var.name}): Authorization: Bearer <value> on /v1/keys"
  tags        = local.tags
}

resource "aws_secretsmanager_secret_version" "admin_key" {
  secret_id     = aws_secretsmanager_secret.admin_key.id
  secret_string = random_password.admin_key.result
}

# --- Database (create_database = true) -------------------------------------------------------------------------

resource "random_password" "database" {
  count   = var.create_database ? 1 : 0
  length  = 32
  special = false
}

resource "aws_secretsmanager_secret" "database" {
  count       = var.create_database ? 1 : 0
  name_prefix = "${var.name}-database-"
  description = "pollfeed database credentials (${var.name})"
  tags        = local.tags
}

resource "aws_secretsmanager_secret_version" "database" {
  count     = var.create_database ? 1 : 0
  secret_id = aws_secretsmanager_secret.database[0].id
  secret_string = jsonencode({
    engine   = "postgres"
    username = local.generated_username
    password = random_password.database[0].result
    host     = aws_db_instance.this[0].address
    port     = aws_db_instance.this[0].port
    dbname   = var.database_name
  })
}

resource "aws_db_subnet_group" "this" {
  count       = var.create_database ? 1 : 0
  name_prefix = "${var.name}-"
  description = "pollfeed database subnets (${var.name})"
  subnet_ids  = var.subnet_ids
  tags        = local.tags

  lifecycle {
    precondition {
      condition     = length(var.subnet_ids) >= 2
      error_message = "create_database needs subnet_ids in at least two Availability Zones."
    }
  }
}

resource "aws_db_instance" "this" {
  count                      = var.create_database ? 1 : 0
  identifier_prefix          = "${var.name}-"
  engine                     = "postgres"
  engine_version             = "16"
  instance_class             = var.database_instance_class
  allocated_storage          = var.database_allocated_storage
  storage_type               = "gp3"
  storage_encrypted          = true
  db_name                    = var.database_name
  username                   = local.generated_username
  password                   = random_password.database[0].result
  db_subnet_group_name       = aws_db_subnet_group.this[0].name
  vpc_security_group_ids     = local.database_security_group_ids
  deletion_protection        = var.database_deletion_protection
  multi_az                   = var.database_multi_az
  publicly_accessible        = false
  backup_retention_period    = 7
  auto_minor_version_upgrade = true
  copy_tags_to_snapshot      = true
  skip_final_snapshot        = var.database_skip_final_snapshot
  # Unique per instance (the time it was created): a second destroy of a stack of the same name does not collide
  # with the first one's snapshot.
  final_snapshot_identifier = var.database_skip_final_snapshot ? null : "${var.name}-final-${formatdate("YYYYMMDDhhmmss", timestamp())}"
  tags                      = local.tags

  lifecycle {
    ignore_changes = [final_snapshot_identifier]
  }
}

resource "aws_iam_role" "proxy" {
  count       = var.create_database ? 1 : 0
  name_prefix = "${var.name}-proxy-"
  description = "Lets the pollfeed RDS Proxy read the database secret."
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "rds.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = local.tags
}

resource "aws_iam_role_policy" "proxy_secret" {
  count = var.create_database ? 1 : 0
  name  = "read-database-secret"
  role  = aws_iam_role.proxy[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
      Resource = aws_secretsmanager_secret.database[0].arn
    }]
  })
}

resource "aws_db_proxy" "this" {
  count                  = var.create_database ? 1 : 0
  name                   = "${var.name}-proxy"
  engine_family          = "POSTGRESQL"
  role_arn               = aws_iam_role.proxy[0].arn
  require_tls            = true
  idle_client_timeout    = 1800
  vpc_subnet_ids         = var.subnet_ids
  vpc_security_group_ids = local.database_security_group_ids

  auth {
    auth_scheme = "SECRETS"
    iam_auth    = "DISABLED"
    secret_arn  = aws_secretsmanager_secret.database[0].arn
  }

  tags       = local.tags
  depends_on = [aws_iam_role_policy.proxy_secret, aws_secretsmanager_secret_version.database]
}

resource "aws_db_proxy_default_target_group" "this" {
  count         = var.create_database ? 1 : 0
  db_proxy_name = aws_db_proxy.this[0].name

  # The borrow timeout stays below api_timeout: when the database is saturated a request gets its 503 instead of
  # waiting out its timeout.
  connection_pool_config {
    max_connections_percent      = 90
    max_idle_connections_percent = 10
    connection_borrow_timeout    = var.database_proxy_borrow_timeout
  }
}

resource "aws_db_proxy_target" "this" {
  count                  = var.create_database ? 1 : 0
  db_proxy_name          = aws_db_proxy.this[0].name
  target_group_name      = aws_db_proxy_default_target_group.this[0].name
  db_instance_identifier = aws_db_instance.this[0].identifier
}

# --- Functions -------------------------------------------------------------------------------------------------

# function.zip is uploaded once to S3 and the three functions read it there: three direct uploads of a file near
# Lambda's 50 MB limit for direct uploads were slow, and failed once it passed the limit.
resource "aws_s3_bucket" "artifacts" {
  bucket_prefix = "${var.name}-artifacts-"
  force_destroy = true
  tags          = local.tags
}

resource "aws_s3_bucket_public_access_block" "artifacts" {
  bucket                  = aws_s3_bucket.artifacts.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_lifecycle_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  rule {
    id     = "expire-old-artifacts"
    status = "Enabled"
    filter {}
    expiration {
      days = 30
    }
  }
}

resource "aws_s3_object" "function_zip" {
  bucket = aws_s3_bucket.artifacts.id
  # Named by its content: a new build is a new object, and an old one stays until the lifecycle rule expires it.
  key    = "function-${filesha256(var.package_path)}.zip"
  source = var.package_path
  etag   = filemd5(var.package_path)
  tags   = local.tags
}

resource "aws_iam_role" "function" {
  name_prefix = "${var.name}-fn-"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = local.tags
}

resource "aws_iam_role_policy_attachment" "basic" {
  role       = aws_iam_role.function.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_role_policy_attachment" "vpc" {
  count      = local.use_vpc ? 1 : 0
  role       = aws_iam_role.function.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

# Each function's logging_config names its group: the group exists before the function can write, and nothing writes
# to an unmanaged /aws/lambda/<name> group kept forever.
resource "aws_cloudwatch_log_group" "api" {
  name              = "/pollfeed/${var.name}/api"
  retention_in_days = var.log_retention_days
  tags              = local.tags
}

resource "aws_cloudwatch_log_group" "migrate" {
  name              = "/pollfeed/${var.name}/migrate"
  retention_in_days = var.log_retention_days
  tags              = local.tags
}

resource "aws_lambda_function" "api" {
  function_name                  = "${var.name}-api"
  description                    = "pollfeed v1 API behind the HTTP API (never migrates on a cold start)."
  role                           = aws_iam_role.function.arn
  s3_bucket                      = aws_s3_object.function_zip.bucket
  s3_key                         = aws_s3_object.function_zip.key
  source_code_hash               = filebase64sha256(var.package_path)
  runtime                        = local.runtime
  handler                        = local.handler
  architectures                  = [var.architecture]
  memory_size                    = local.memory_size
  timeout                        = var.api_timeout
  reserved_concurrent_executions = var.api_reserved_concurrency
  publish                        = true

  dynamic "snap_start" {
    for_each = local.is_jvm ? [1] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  dynamic "vpc_config" {
    for_each = local.use_vpc ? [1] : []
    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = local.function_security_group_ids
    }
  }

  logging_config {
    log_group             = aws_cloudwatch_log_group.api.name
    log_format            = "JSON"
    application_log_level = var.application_log_level
    system_log_level      = var.system_log_level
  }

  environment {
    variables = merge(
      local.common_environment,
      {
        POLLFEED_MIGRATION_AT_START                 = "never"
        POLLFEED_POLLING_INTERVAL_SECONDS           = tostring(var.poll_interval_seconds)
        POLLFEED_POLLING_MAX_INTERVAL_SECONDS       = tostring(var.max_poll_interval_seconds)
        POLLFEED_CACHE_PARTIAL_PAGE_MAX_AGE_SECONDS = tostring(var.partial_page_max_age_seconds)
      },
      local.security_environment,
      local.use_reader ? {
        QUARKUS_DATASOURCE_READER_REACTIVE_URL = "postgresql://${var.existing_database_reader_host}:${var.existing_database_port}/${var.database_name}?sslmode=${local.db_ssl_mode}"
      } : {},
    )
  }

  tags = local.tags

  lifecycle {
    precondition {
      condition     = var.create_database || (var.existing_database_host != "" && var.existing_database_secret_arn != "")
      error_message = "With create_database = false, set existing_database_host and existing_database_secret_arn."
    }
  }

  depends_on = [
    aws_cloudwatch_log_group.api,
    aws_iam_role_policy_attachment.basic,
    aws_iam_role_policy_attachment.vpc,
  ]
}

resource "aws_lambda_function" "migrate" {
  function_name                  = "${var.name}-migrate"
  description                    = "pollfeed schema migrations: migrates while it initializes. No API route."
  role                           = aws_iam_role.function.arn
  s3_bucket                      = aws_s3_object.function_zip.bucket
  s3_key                         = aws_s3_object.function_zip.key
  source_code_hash               = filebase64sha256(var.package_path)
  runtime                        = local.runtime
  handler                        = local.handler
  architectures                  = [var.architecture]
  memory_size                    = local.memory_size
  timeout                        = 300
  reserved_concurrent_executions = var.migrate_reserved_concurrency

  dynamic "vpc_config" {
    for_each = local.use_vpc ? [1] : []
    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = local.function_security_group_ids
    }
  }

  logging_config {
    log_group             = aws_cloudwatch_log_group.migrate.name
    log_format            = "JSON"
    application_log_level = var.application_log_level
    system_log_level      = var.system_log_level
  }

  environment {
    variables = merge(local.common_environment, {
      POLLFEED_MIGRATION_AT_START = "always"
      # A new RDS Proxy may still be registering its target when the first apply migrates: about a minute of
      # retries (1, 2, 4 ... 32 s) before the migration, and so the apply, fails.
      QUARKUS_FLYWAY_CONNECT_RETRIES = "6"
    })
  }

  tags = local.tags

  depends_on = [
    aws_cloudwatch_log_group.migrate,
    aws_iam_role_policy_attachment.basic,
    aws_iam_role_policy_attachment.vpc,
  ]
}

# One invocation runs the migrations (the function migrates while it initializes); replaced, and so invoked again,
# whenever the code or the configuration of the migration function changes.
# --- Retention: a scheduled invocation of a maintenance function (no API route reaches its endpoint) ------------

resource "aws_cloudwatch_log_group" "maintenance" {
  name              = "/pollfeed/${var.name}/maintenance"
  retention_in_days = var.log_retention_days
  tags              = local.tags
}

resource "aws_lambda_function" "maintenance" {
  function_name                  = "${var.name}-maintenance"
  description                    = "pollfeed retention: prunes expired events in bounded batches on a schedule. No API route."
  role                           = aws_iam_role.function.arn
  s3_bucket                      = aws_s3_object.function_zip.bucket
  s3_key                         = aws_s3_object.function_zip.key
  source_code_hash               = filebase64sha256(var.package_path)
  runtime                        = local.runtime
  handler                        = local.handler
  architectures                  = [var.architecture]
  memory_size                    = local.memory_size
  timeout                        = 60
  reserved_concurrent_executions = var.maintenance_reserved_concurrency

  dynamic "vpc_config" {
    for_each = local.use_vpc ? [1] : []
    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = local.function_security_group_ids
    }
  }

  logging_config {
    log_group             = aws_cloudwatch_log_group.maintenance.name
    log_format            = "JSON"
    application_log_level = var.application_log_level
    system_log_level      = var.system_log_level
  }

  environment {
    variables = merge(local.common_environment, {
      POLLFEED_MIGRATION_AT_START         = "never"
      POLLFEED_RETENTION_ENDPOINT_ENABLED = "true"
      POLLFEED_RETENTION_TIME_BUDGET      = "45s"
    })
  }

  tags = local.tags

  depends_on = [
    aws_cloudwatch_log_group.maintenance,
    aws_iam_role_policy_attachment.basic,
    aws_iam_role_policy_attachment.vpc,
  ]
}

resource "aws_cloudwatch_event_rule" "retention" {
  name                = "${var.name}-retention"
  description         = "Prune expired pollfeed events"
  schedule_expression = var.retention_schedule
  tags                = local.tags
}

resource "aws_cloudwatch_event_target" "retention" {
  rule  = aws_cloudwatch_event_rule.retention.name
  arn   = aws_lambda_function.maintenance.arn
  input = file("${path.module}/../../../retention-event.json")
}

resource "aws_lambda_permission" "retention" {
  statement_id  = "AllowRetentionSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.maintenance.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.retention.arn
}

resource "aws_lambda_invocation" "migrate" {
  count         = var.run_migrations ? 1 : 0
  function_name = aws_lambda_function.migrate.function_name
  input         = file("${path.module}/../../../migrate-event.json")

  triggers = {
    code        = aws_lambda_function.migrate.source_code_hash
    environment = sha256(jsonencode(aws_lambda_function.migrate.environment))
  }

  # A migration that failed answers 503 (or its initialization fails): the apply fails here, before the alias moves.
  lifecycle {
    postcondition {
      condition     = try(jsondecode(self.result).statusCode, 0) == 200
      error_message = "The migration did not succeed (readiness of the migration function was not 200); see its log group. The alias was not moved."
    }
  }

  depends_on = [aws_db_proxy_target.this, aws_db_proxy_default_target_group.this]
}

# The newly published version, asked directly before the alias moves to it: it is Active, reaches the database, and
# is ready. Fails the apply otherwise.
resource "aws_lambda_invocation" "api_ready" {
  function_name = aws_lambda_function.api.function_name
  qualifier     = aws_lambda_function.api.version
  input         = file("${path.module}/../../../migrate-event.json")

  triggers = {
    version = aws_lambda_function.api.version
  }

  lifecycle {
    postcondition {
      condition     = try(jsondecode(self.result).statusCode, 0) == 200
      error_message = "The new API version is not ready (readiness was not 200); the alias still serves the previous version."
    }
  }

  depends_on = [aws_lambda_invocation.migrate]
}

# The HTTP API invokes this alias; it moves to the newly published version only after the migrations ran and that
# version answered ready.
resource "aws_lambda_alias" "live" {
  name             = "live"
  description      = "Published version served by the HTTP API (SnapStart applies to published versions)."
  function_name    = aws_lambda_function.api.function_name
  function_version = aws_lambda_function.api.version
  depends_on       = [aws_lambda_invocation.migrate, aws_lambda_invocation.api_ready]
}

# --- HTTP API (payload format 2.0, $default route -> alias "live") -------------------------------------------------

resource "aws_apigatewayv2_api" "this" {
  name          = var.name
  description   = "pollfeed v1 API"
  protocol_type = "HTTP"

  # Empty cors_allowed_origins: no CORS at all (same-origin only).
  dynamic "cors_configuration" {
    for_each = local.cors_enabled ? [1] : []
    content {
      allow_origins  = var.cors_allowed_origins
      allow_methods  = local.cors_headers.allow_methods
      allow_headers  = local.cors_headers.allow_headers
      expose_headers = local.cors_headers.expose_headers
      max_age        = 600
    }
  }

  tags = local.tags
}

resource "aws_apigatewayv2_integration" "api" {
  api_id                 = aws_apigatewayv2_api.this.id
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = aws_lambda_alias.live.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "default" {
  api_id    = aws_apigatewayv2_api.this.id
  route_key = "$default"
  target    = "integrations/${aws_apigatewayv2_integration.api.id}"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = "$default"
  auto_deploy = true

  # The request limit on Lambda (docs/security.md): for all callers together, per second, at the HTTP API.
  default_route_settings {
    throttling_burst_limit = var.throttling_burst_limit
    throttling_rate_limit  = var.throttling_rate_limit
  }

  tags = local.tags
}

resource "aws_lambda_permission" "http_api" {
  statement_id  = "AllowHttpApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api.function_name
  qualifier     = aws_lambda_alias.live.name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this.execution_arn}/*"
}

# --- CloudFront (enable_cdn = true) --------------------------------------------------------------------------------

resource "aws_cloudfront_cache_policy" "polls" {
  count   = var.enable_cdn ? 1 : 0
  # Policy names are global to the account: the region keeps two regions' deployments of one name apart.
  name    = "${var.name}-${local.region}-polls"
  comment = "Cache key = path + every query parameter of the API + Authorization; TTL from the origin's Cache-Control."
  # min_ttl must stay 0: above 0 CloudFront would keep even "private" and "no-store" answers.
  min_ttl     = 0
  default_ttl = 0
  max_ttl     = 31536000

  parameters_in_cache_key_and_forwarded_to_origin {
    enable_accept_encoding_gzip   = true
    enable_accept_encoding_brotli = true

    cookies_config {
      cookie_behavior = "none"
    }

    headers_config {
      header_behavior = "whitelist"
      headers {
        items = local.cache_key_headers
      }
    }

    query_strings_config {
      query_string_behavior = "whitelist"
      query_strings {
        items = local.cache_query_strings
      }
    }
  }
}

resource "aws_cloudfront_origin_request_policy" "api" {
  count   = var.enable_cdn ? 1 : 0
  name    = "${var.name}-${local.region}-api"
  comment = "What publishes and CORS preflights need; never cookies, never the viewer's Host."

  cookies_config {
    cookie_behavior = "none"
  }

  headers_config {
    header_behavior = "whitelist"
    headers {
      items = local.origin_request_headers
    }
  }

  query_strings_config {
    query_string_behavior = "none"
  }
}

resource "aws_cloudfront_response_headers_policy" "cors" {
  count   = local.cdn_cors_at_the_edge ? 1 : 0
  name    = "${var.name}-${local.region}-cors"
  comment = "Access-Control-* on every answer, cached or not (cors_allowed_origins = [\"*\"])."

  cors_config {
    access_control_allow_credentials = false
    origin_override                  = true
    access_control_max_age_sec       = 600

    access_control_allow_origins {
      items = ["*"]
    }
    access_control_allow_methods {
      items = local.cors_headers.allow_methods
    }
    access_control_allow_headers {
      items = local.cors_headers.allow_headers
    }
    access_control_expose_headers {
      items = local.cors_headers.expose_headers
    }
  }
}

resource "aws_cloudfront_distribution" "this" {
  count           = var.enable_cdn ? 1 : 0
  enabled         = true
  comment         = "pollfeed (${var.name})"
  http_version    = "http2and3"
  is_ipv6_enabled = true
  price_class     = var.cdn_price_class

  origin {
    origin_id   = "http-api"
    domain_name = replace(aws_apigatewayv2_api.this.api_endpoint, "https://", "")

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }

    dynamic "origin_shield" {
      for_each = var.cdn_origin_shield_region == "" ? [] : [var.cdn_origin_shield_region]
      content {
        enabled              = true
        origin_shield_region = origin_shield.value
      }
    }
  }

  default_cache_behavior {
    target_origin_id         = "http-api"
    viewer_protocol_policy   = "https-only"
    allowed_methods          = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
    cached_methods           = ["GET", "HEAD", "OPTIONS"]
    cache_policy_id          = aws_cloudfront_cache_policy.polls[0].id
    origin_request_policy_id   = aws_cloudfront_origin_request_policy.api[0].id
    response_headers_policy_id = local.cdn_cors_at_the_edge ? aws_cloudfront_response_headers_policy.cors[0].id : null
    compress                   = true
  }

  dynamic "custom_error_response" {
    for_each = local.uncached_error_codes
    content {
      error_code            = custom_error_response.value
      error_caching_min_ttl = 0
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }

  tags = local.tags
}

# --- Front doors without a per-request fee (front_door; docs/deploy.md, 9) ----------------------------------------

# CORS, throttling and custom domains are not the URL's: the service answers CORS itself (POLLFEED_CORS_ORIGINS),
# api_reserved_concurrency caps the function. Public: pollfeed checks credentials itself, like behind the HTTP API.
resource "aws_lambda_function_url" "api" {
  count              = var.front_door == "function-url" ? 1 : 0
  function_name      = aws_lambda_function.api.function_name
  qualifier          = aws_lambda_alias.live.name
  authorization_type = "NONE"
  invoke_mode        = "BUFFERED"
}

locals {
  use_alb         = var.front_door == "alb"
  alb_https       = var.alb_certificate_arn != ""
  alb_listen_port = local.alb_https ? 443 : 80
}

resource "aws_security_group" "alb" {
  count       = local.use_alb ? 1 : 0
  name_prefix = "${var.name}-alb-"
  description = "pollfeed load balancer, open to the internet on its listener port"
  vpc_id      = var.alb_vpc_id

  ingress {
    from_port        = local.alb_listen_port
    to_port          = local.alb_listen_port
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  tags = local.tags
}

resource "aws_lb" "api" {
  count                      = local.use_alb ? 1 : 0
  name_prefix                = "pf-"
  load_balancer_type         = "application"
  internal                   = false
  subnets                    = var.alb_subnet_ids
  security_groups            = [aws_security_group.alb[0].id]
  drop_invalid_header_fields = true
  tags                       = local.tags
}

# Multi-value headers on: repeated query parameters reach the service (which answers 400), as behind the HTTP API.
resource "aws_lb_target_group" "api" {
  count       = local.use_alb ? 1 : 0
  name_prefix = "pf-"
  target_type = "lambda"

  lambda_multi_value_headers_enabled = true

  health_check {
    enabled = false
  }

  tags = local.tags
}

resource "aws_lambda_permission" "alb" {
  count         = local.use_alb ? 1 : 0
  statement_id  = "AllowLoadBalancerInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api.function_name
  qualifier     = aws_lambda_alias.live.name
  principal     = "elasticloadbalancing.amazonaws.com"
  source_arn    = aws_lb_target_group.api[0].arn
}

resource "aws_lb_target_group_attachment" "api" {
  count            = local.use_alb ? 1 : 0
  target_group_arn = aws_lb_target_group.api[0].arn
  target_id        = aws_lambda_alias.live.arn
  depends_on       = [aws_lambda_permission.alb]
}

resource "aws_lb_listener" "api" {
  count             = local.use_alb ? 1 : 0
  load_balancer_arn = aws_lb.api[0].arn
  port              = local.alb_listen_port
  protocol          = local.alb_https ? "HTTPS" : "HTTP"
  ssl_policy        = local.alb_https ? "ELBSecurityPolicy-TLS13-1-2-2021-06" : null
  certificate_arn   = local.alb_https ? var.alb_certificate_arn : null

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api[0].arn
  }

  tags = local.tags
}
