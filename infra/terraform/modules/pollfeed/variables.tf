# Mirrors the Parameters of infra/sam/template.yaml (snake_case here, PascalCase there).

variable "name" {
  description = "Name prefix of every resource (the SAM template uses the stack name)."
  type        = string
  default     = "pollfeed"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,39}$", var.name))
    error_message = "name: lowercase letters, digits and hyphens, starting with a letter, at most 40 characters."
  }
}

variable "package_path" {
  description = "Path of target/function.zip: `./mvnw package` (jvm) or `./mvnw package -Dnative` (native)."
  type        = string
}

variable "runtime" {
  description = "jvm: java21 runtime (the Java 17 build runs on it) with SnapStart on published versions. native: provided.al2023 (bootstrap), no SnapStart."
  type        = string
  default     = "jvm"

  validation {
    condition     = contains(["jvm", "native"], var.runtime)
    error_message = "runtime must be jvm or native."
  }
}

variable "architecture" {
  description = "x86_64 or arm64. A native build must have been built for this architecture."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "memory_size" {
  description = "Memory of both functions in MB (CPU scales with it)."
  type        = number
  default     = 1024
}

variable "api_timeout" {
  description = "Timeout of the API function in seconds (the HTTP API integration gives up after 30 s). At least 11: above database_proxy_borrow_timeout (at most 10), so that a saturated database answers 503 before the function times out."
  type        = number
  default     = 15

  validation {
    condition     = var.api_timeout >= 11 && var.api_timeout <= 30
    error_message = "api_timeout: 11 to 30 seconds."
  }
}

variable "api_reserved_concurrency" {
  description = "Reserved concurrency of the API function; -1 (default) reserves none, because an account at the minimum concurrency quota refuses any reservation. Caps the environments and so the database connections they borrow at once (one each on a poll): size it at about 90% of the database's max_connections, e.g. 75 for db.t4g.micro (docs/deploy.md, 8.1)."
  type        = number
  default     = -1
}

variable "migrate_reserved_concurrency" {
  description = "Reserved concurrency of the migration function; -1 (default) reserves none: an account at the minimum concurrency quota refuses any reservation, and Flyway's lock already serializes concurrent migrations."
  type        = number
  default     = -1
}

variable "maintenance_reserved_concurrency" {
  description = "Reserved concurrency of the maintenance function; -1 (default) reserves none. Overlapping pruning runs are harmless (each batch locks its channel; RetentionOverlapTest)."
  type        = number
  default     = -1
}

variable "native_memory_size" {
  description = "Memory of the functions in MB with runtime = native (a native executable needs less than the JVM)."
  type        = number
  default     = 512
}

variable "application_log_level" {
  description = "Lambda's filter of the functions' JSON log lines (logging_config.application_log_level)."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"], var.application_log_level)
    error_message = "application_log_level: TRACE, DEBUG, INFO, WARN, ERROR or FATAL."
  }
}

variable "system_log_level" {
  description = "Lambda's filter of its own platform log lines (START, END, REPORT are INFO)."
  type        = string
  default     = "WARN"

  validation {
    condition     = contains(["DEBUG", "INFO", "WARN"], var.system_log_level)
    error_message = "system_log_level: DEBUG, INFO or WARN."
  }
}

variable "alarm_email" {
  description = "Optional. An SNS topic is created and this address subscribed to the alarms (confirm the e-mail AWS sends). Empty: the alarms exist, visible in CloudWatch, and notify nobody."
  type        = string
  default     = ""
}

variable "database_connections_alarm_threshold" {
  description = "create_database only. Alarm when the RDS instance holds this many connections (db.t4g.micro allows about 80; raise it with the instance class)."
  type        = number
  default     = 70
}

variable "log_retention_days" {
  description = "Retention of the functions' CloudWatch log groups."
  type        = number
  default     = 30
}

variable "poll_interval_seconds" {
  description = "Poll-Interval sent to clients (POLLFEED_POLLING_INTERVAL_SECONDS)."
  type        = number
  default     = 2
}

variable "partial_page_max_age_seconds" {
  description = "Cache-Control max-age of empty and partial pages (POLLFEED_CACHE_PARTIAL_PAGE_MAX_AGE_SECONDS)."
  type        = number
  default     = 1
}

variable "vpc_id" {
  description = "VPC of subnet_ids. The module creates the functions' security group in it (and, with create_database, the database's, open on 5432 to the functions' group only). Required with subnet_ids or create_database."
  type        = string
  default     = ""

  validation {
    condition     = var.vpc_id == "" || can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "vpc_id: a VPC id (vpc-0123456789abcdef0), or empty."
  }
}

variable "subnet_ids" {
  description = "Private subnets (two AZs or more) of the functions, and of the database and RDS Proxy when create_database. Empty: functions outside a VPC (existing, reachable database only)."
  type        = list(string)
  default     = []
}

variable "function_security_group_ids" {
  description = "Optional, more security groups for the functions, beside the one the module creates (function_security_group_id output: allow 5432 from it on an existing database)."
  type        = list(string)
  default     = []
}

variable "database_security_group_ids" {
  description = "create_database only, optional: more security groups for the RDS instance and the RDS Proxy, beside the one the module creates (5432 from the functions' group and from itself, proxy -> instance)."
  type        = list(string)
  default     = []
}

variable "create_database" {
  description = "true: create RDS PostgreSQL 16 + RDS Proxy + a generated secret. false: use the existing_database_* variables."
  type        = bool
  default     = true
}

variable "database_name" {
  description = "Name of the PostgreSQL database."
  type        = string
  default     = "pollfeed"
}

variable "database_instance_class" {
  description = "Instance class of the created RDS instance."
  type        = string
  default     = "db.t4g.micro"
}

variable "database_allocated_storage" {
  description = "Storage of the created RDS instance in GiB (gp3)."
  type        = number
  default     = 20
}

variable "database_skip_final_snapshot" {
  description = "Destroy the created RDS instance without a final snapshot (the SAM template always snapshots)."
  type        = bool
  default     = false
}

variable "existing_database_host" {
  description = "create_database = false only: host name of the primary (writer) endpoint."
  type        = string
  default     = ""
}

variable "existing_database_port" {
  description = "create_database = false only: port of the database."
  type        = number
  default     = 5432
}

variable "existing_database_secret_arn" {
  description = "create_database = false only: Secrets Manager secret with JSON keys username and password."
  type        = string
  default     = ""
}

variable "existing_database_reader_host" {
  description = "create_database = false only, optional: read-only endpoint (replica, Aurora reader) that serves polls."
  type        = string
  default     = ""
}

variable "existing_database_ssl_mode" {
  description = "create_database = false only. verify-full: TLS, the server's certificate checked against database_ca_certificate_path and its host name. require: the documented opt-out, TLS without any check of the certificate (anyone on the path can pose as the database). disable: no TLS. The created RDS Proxy is always reached with verify-full."
  type        = string
  default     = "verify-full"

  validation {
    condition     = contains(["verify-full", "require", "disable"], var.existing_database_ssl_mode)
    error_message = "existing_database_ssl_mode must be verify-full, require or disable."
  }
}

variable "database_ca_certificate_path" {
  description = "PEM file of the CAs that verify-full trusts, in the function's file system. The default, shipped in function.zip, holds every region's RDS CAs and the Amazon roots of RDS Proxy; another CA can come in a layer (/opt/...) or in src/main/zip.jvm (docs/deploy.md, 8.5)."
  type        = string
  default     = "/var/task/rds-ca-bundle.pem"

  validation {
    condition     = can(regex("^/[^\\s,]+$", var.database_ca_certificate_path))
    error_message = "database_ca_certificate_path: an absolute path."
  }
}

variable "database_deletion_protection" {
  description = "create_database only. The created RDS instance refuses deletion until this is false (apply with false before destroying)."
  type        = bool
  default     = true
}

variable "database_multi_az" {
  description = "create_database only. A standby in a second Availability Zone (about twice the instance price)."
  type        = bool
  default     = false
}

variable "database_proxy_borrow_timeout" {
  description = "create_database only. Seconds a request waits at RDS Proxy for a database connection before it gets an error (a 503 with Retry-After): below api_timeout, so a saturated database is not billed as timed-out requests."
  type        = number
  default     = 5

  validation {
    condition     = var.database_proxy_borrow_timeout >= 1 && var.database_proxy_borrow_timeout <= 10
    error_message = "database_proxy_borrow_timeout: 1 to 10 seconds."
  }
}

variable "cors_allowed_origins" {
  description = "Browser origins allowed by CORS (https://app.example.com); [\"*\"] for any; [] for same-origin only. Configures the HTTP API's CORS and the service's own (POLLFEED_CORS_ORIGINS)."
  type        = list(string)
  default     = ["*"]

  validation {
    condition = (
      alltrue([for o in var.cors_allowed_origins : o == "*" || can(regex("^https?://[^,\\s/]+$", o))])
      && (!contains(var.cors_allowed_origins, "*") || length(var.cors_allowed_origins) == 1)
    )
    error_message = "cors_allowed_origins: [\"*\"] alone, or origins such as https://app.example.com."
  }
}

variable "throttling_burst_limit" {
  description = "Burst limit of the HTTP API's default route. This is the request limit on Lambda, for all callers together: the service's per-key limit is off there (each execution environment would count alone)."
  type        = number
  default     = 1000
}

variable "throttling_rate_limit" {
  description = "Steady-state requests per second of the HTTP API's default route (all callers together)."
  type        = number
  default     = 2000
}

variable "enable_cdn" {
  description = "Put a CloudFront distribution in front of the HTTP API."
  type        = bool
  default     = false
}

variable "cdn_price_class" {
  description = "CloudFront price class."
  type        = string
  default     = "PriceClass_100"
}

variable "cdn_origin_shield_region" {
  description = "Optional CloudFront Origin Shield region (e.g. us-east-1); empty: none."
  type        = string
  default     = ""
}

variable "run_migrations" {
  description = "Invoke the migration function during `terraform apply` whenever its code or configuration changes."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags of every resource that takes tags."
  type        = map(string)
  default     = {}
}

variable "retention_schedule" {
  description = "How often the maintenance function prunes expired events (an EventBridge schedule expression)."
  type        = string
  default     = "rate(5 minutes)"
}

variable "retention_max_age" {
  description = "Events older than this are pruned (pollfeed.retention.max-age; e.g. 7d, 12h, P30D)."
  type        = string
  default     = "7d"
}

variable "retention_max_events" {
  description = "At most this many events are kept per channel (pollfeed.retention.max-events)."
  type        = number
  default     = 100000
}

# --- Security (docs/security.md) ------------------------------------------------------------------------------------

variable "public_read_patterns" {
  description = "Channel patterns anyone may read without credentials (POLLFEED_SECURITY_PUBLIC_READ): a channel name, a prefix ending in * (news.*), or * for every channel. Empty: every channel is private. Only answers about public channels may be kept by the CDN."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.public_read_patterns : can(regex("^(\\*|[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\*?)$", p))])
    error_message = "public_read_patterns: channel names, prefixes ending in * (news.*), or *."
  }
}

variable "public_publish_patterns" {
  description = "Channel patterns anyone may publish to without credentials (POLLFEED_SECURITY_PUBLIC_PUBLISH), same syntax. Empty (recommended): publishing needs an API key, the admin key or a token. Logged as a warning at every start."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.public_publish_patterns : can(regex("^(\\*|[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\*?)$", p))])
    error_message = "public_publish_patterns: channel names, prefixes ending in * (guestbook.*), or *."
  }
}

variable "jwt_secret_arn" {
  description = "Optional. ARN of a Secrets Manager secret whose plain-text value (at least 32 bytes, used as UTF-8 bytes) is the HS256 key of browser tokens (POLLFEED_SECURITY_JWT_SECRET). Empty: no HS256 tokens."
  type        = string
  default     = ""

  validation {
    condition     = var.jwt_secret_arn == "" || can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", var.jwt_secret_arn))
    error_message = "jwt_secret_arn: the ARN of a Secrets Manager secret, or empty."
  }
}

variable "jwt_public_keys" {
  description = "Optional. PEM public keys of browser tokens (POLLFEED_SECURITY_JWT_PUBLIC_KEYS): RSA (RS256, 2048 bits or more) or EC P-256 (ES256). Two keys during a rotation. All environment variables of a function share 4 KB."
  type        = list(string)
  default     = []
}

variable "jwt_jwks_url" {
  description = "Optional. HTTPS URL of a JWKS with the RS256/ES256 keys of browser tokens (POLLFEED_SECURITY_JWT_JWKS_URL). The API function fetches it at run time, so in a VPC it needs a NAT gateway (jwt_public_keys needs none)."
  type        = string
  default     = ""

  validation {
    condition     = var.jwt_jwks_url == "" || can(regex("^https://[^\\s]+$", var.jwt_jwks_url))
    error_message = "jwt_jwks_url: an https:// URL, or empty."
  }
}

variable "jwt_issuer" {
  description = "Optional. When set, a token's iss claim must equal it (POLLFEED_SECURITY_JWT_ISSUER)."
  type        = string
  default     = ""
}

variable "jwt_audience" {
  description = "Optional. When set, a token's aud claim must contain it (POLLFEED_SECURITY_JWT_AUDIENCE)."
  type        = string
  default     = ""
}

variable "front_door" {
  description = "The entry without a per-request fee to add beside the HTTP API (which stays, and costs nothing unused): \"function-url\" (a Lambda function URL on alias live) or \"alb\" (an Application Load Balancer; alb_vpc_id and alb_subnet_ids required). \"http-api\": none. What each gives up: docs/deploy.md, 9."
  type        = string
  default     = "http-api"

  validation {
    condition     = contains(["http-api", "function-url", "alb"], var.front_door)
    error_message = "front_door must be http-api, function-url or alb."
  }
}

variable "max_poll_interval_seconds" {
  description = "Longest Poll-Interval of a quiet channel (POLLFEED_POLLING_MAX_INTERVAL_SECONDS; docs/protocol.md, 4.4)."
  type        = number
  default     = 30
}

variable "alb_vpc_id" {
  description = "front_door = \"alb\" only. VPC of the load balancer and its security group."
  type        = string
  default     = ""
}

variable "alb_subnet_ids" {
  description = "front_door = \"alb\" only. Public subnets in at least two AZs for an internet-facing load balancer."
  type        = list(string)
  default     = []
}

variable "alb_certificate_arn" {
  description = "front_door = \"alb\" only. ACM certificate of the HTTPS listener (443). Empty: an HTTP listener on 80, for trials only (credentials would travel in clear text)."
  type        = string
  default     = ""
}
