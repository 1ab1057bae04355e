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
  description = "Timeout of the API function in seconds (the HTTP API integration gives up after 30 s)."
  type        = number
  default     = 15
}

variable "api_reserved_concurrency" {
  description = "Reserved concurrency of the API function; -1 reserves none. Caps the environments and so the database client connections (1-2 each)."
  type        = number
  default     = -1
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

variable "subnet_ids" {
  description = "Private subnets (two AZs or more) of the functions, and of the database and RDS Proxy when create_database. Empty: functions outside a VPC (existing, reachable database only)."
  type        = list(string)
  default     = []
}

variable "function_security_group_ids" {
  description = "Security groups of the functions (outbound 5432 to the database or proxy)."
  type        = list(string)
  default     = []
}

variable "database_security_group_ids" {
  description = "create_database only: security groups of the RDS instance and the RDS Proxy; they must allow 5432 from the functions' groups and from themselves. Empty: the VPC's default group."
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
  description = "create_database = false only: sslmode of the connection URLs (the created RDS Proxy always requires TLS)."
  type        = string
  default     = "require"

  validation {
    condition     = contains(["disable", "prefer", "require"], var.existing_database_ssl_mode)
    error_message = "existing_database_ssl_mode must be disable, prefer or require."
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
