output "api_url" {
  description = "Base URL of the HTTP API."
  value       = module.pollfeed.api_url
}

output "cdn_url" {
  description = "Base URL of the CloudFront distribution."
  value       = module.pollfeed.cdn_url
}

output "api_function_name" {
  description = "Name of the API function."
  value       = module.pollfeed.api_function_name
}

output "migrate_function_name" {
  description = "Name of the migration function (terraform apply invokes it when it changes)."
  value       = module.pollfeed.migrate_function_name
}

output "proxy_endpoint" {
  description = "Endpoint of the RDS Proxy."
  value       = module.pollfeed.proxy_endpoint
}

output "database_endpoint" {
  description = "Endpoint of the RDS instance."
  value       = module.pollfeed.database_endpoint
}

output "admin_key_secret_arn" {
  description = "Secrets Manager secret holding the bootstrap admin key."
  value       = module.pollfeed.admin_key_secret_arn
}
