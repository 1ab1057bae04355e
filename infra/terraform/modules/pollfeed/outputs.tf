# Mirrors the Outputs of infra/sam/template.yaml.

output "api_url" {
  description = "Base URL of the HTTP API ($default stage)."
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "cdn_url" {
  description = "Base URL of the CloudFront distribution (null without enable_cdn)."
  value       = var.enable_cdn ? "https://${aws_cloudfront_distribution.this[0].domain_name}/" : null
}

output "api_function_name" {
  description = "Name of the API function (the HTTP API invokes its alias \"live\")."
  value       = aws_lambda_function.api.function_name
}

output "api_function_alias_arn" {
  description = "ARN of the API function's alias \"live\" (the published, SnapStart-enabled version)."
  value       = aws_lambda_alias.live.arn
}

output "migrate_function_name" {
  description = "The migration function; `terraform apply` invokes it when it changes (see docs/deploy.md)."
  value       = aws_lambda_function.migrate.function_name
}

output "migration_result" {
  description = "What the last migration invocation returned (the readiness check, as an HTTP API response)."
  value       = var.run_migrations ? aws_lambda_invocation.migrate[0].result : null
}

output "database_endpoint" {
  description = "Endpoint of the created RDS instance (the functions connect to the proxy, not to this)."
  value       = var.create_database ? aws_db_instance.this[0].address : null
}

output "proxy_endpoint" {
  description = "Endpoint of the RDS Proxy the functions connect to (null with an existing database)."
  value       = var.create_database ? aws_db_proxy.this[0].endpoint : null
}

output "database_secret_arn" {
  description = "Secrets Manager secret of the database credentials."
  value       = var.create_database ? aws_secretsmanager_secret.database[0].arn : var.existing_database_secret_arn
}

output "maintenance_function_name" {
  description = "Prunes expired events on retention_schedule (invoke it with infra/retention-event.json to run now)."
  value       = aws_lambda_function.maintenance.function_name
}

output "admin_key_secret_arn" {
  description = "Secrets Manager secret holding the bootstrap admin key (aws secretsmanager get-secret-value --secret-id <this> --query SecretString --output text)."
  value       = aws_secretsmanager_secret.admin_key.arn
}

output "function_url" {
  description = "Base URL of the function URL (front_door = \"function-url\"; null otherwise)."
  value       = var.front_door == "function-url" ? aws_lambda_function_url.api[0].function_url : null
}

output "load_balancer_url" {
  description = "Base URL of the load balancer (front_door = \"alb\"; null otherwise)."
  value       = local.use_alb ? "${local.alb_https ? "https" : "http"}://${aws_lb.api[0].dns_name}/" : null
}

output "function_security_group_id" {
  description = "Security group of the functions; an existing database must allow 5432 from it (null without a VPC)."
  value       = local.use_vpc ? aws_security_group.function[0].id : null
}

output "database_security_group_id" {
  description = "Security group of the created RDS instance and RDS Proxy (5432 from the functions only)."
  value       = var.create_database ? aws_security_group.database[0].id : null
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms (null without alarm_email)."
  value       = var.alarm_email == "" ? null : aws_sns_topic.alarms[0].arn
}

output "dashboard_name" {
  description = "CloudWatch dashboard of this deployment."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}
