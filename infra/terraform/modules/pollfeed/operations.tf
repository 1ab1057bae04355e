# Alarms, their optional topic and a dashboard: the same as the Operations section of infra/sam/template.yaml
# (docs/deploy.md, 8.9).

locals {
  alarm_actions = var.alarm_email == "" ? [] : [aws_sns_topic.alarms[0].arn]
}

resource "aws_sns_topic" "alarms" {
  count        = var.alarm_email == "" ? 0 : 1
  name_prefix  = "${var.name}-alarms-"
  display_name = "pollfeed alarms (${var.name})"
  tags         = local.tags
}

resource "aws_sns_topic_subscription" "alarm_email" {
  count     = var.alarm_email == "" ? 0 : 1
  topic_arn = aws_sns_topic.alarms[0].arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

resource "aws_cloudwatch_metric_alarm" "api_server_errors" {
  alarm_name          = "${var.name}-api-5xx"
  alarm_description   = "pollfeed HTTP API answered 5xx (503 = database unreachable; see the API function's logs)."
  namespace           = "AWS/ApiGateway"
  metric_name         = "5xx"
  dimensions          = { ApiId = aws_apigatewayv2_api.this.id }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 10
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "api_function_errors" {
  alarm_name          = "${var.name}-api-function-errors"
  alarm_description   = "The pollfeed API function failed invocations (crashes, timeouts; not HTTP errors)."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.api.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "api_function_throttles" {
  alarm_name          = "${var.name}-api-function-throttles"
  alarm_description   = "The pollfeed API function was throttled (reserved concurrency or the account's quota reached; callers got 503)."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = aws_lambda_function.api.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "migrate_function_errors" {
  alarm_name          = "${var.name}-migrate-function-errors"
  alarm_description   = "A pollfeed migration failed (the apply failed; see the migration function's logs)."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.migrate.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  tags                = local.tags
}

# A failed pruning run still answers (a 503 document), so Lambda counts no error: its log lines are counted instead.
resource "aws_cloudwatch_log_metric_filter" "maintenance_failures" {
  name           = "${var.name}-maintenance-failures"
  log_group_name = aws_cloudwatch_log_group.maintenance.name
  pattern        = "?ERROR ?\"Database unavailable\""

  metric_transformation {
    namespace     = "pollfeed"
    name          = "${var.name}-maintenance-failures"
    value         = "1"
    default_value = "0"
  }
}

resource "aws_cloudwatch_metric_alarm" "maintenance_failures" {
  alarm_name          = "${var.name}-maintenance-failures"
  alarm_description   = "pollfeed retention runs fail (errors logged, or the function itself failed): expired events pile up."
  evaluation_periods  = 1
  threshold           = 2
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  tags                = local.tags

  metric_query {
    id          = "failures"
    expression  = "logged + invocations"
    label       = "failed retention runs"
    return_data = true
  }

  metric_query {
    id = "logged"
    metric {
      namespace   = "pollfeed"
      metric_name = "${var.name}-maintenance-failures"
      period      = 900
      stat        = "Sum"
    }
  }

  metric_query {
    id = "invocations"
    metric {
      namespace   = "AWS/Lambda"
      metric_name = "Errors"
      dimensions  = { FunctionName = aws_lambda_function.maintenance.function_name }
      period      = 900
      stat        = "Sum"
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "database_cpu" {
  count               = var.create_database ? 1 : 0
  alarm_name          = "${var.name}-database-cpu"
  alarm_description   = "The pollfeed RDS instance has run above 80% CPU for 15 minutes."
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  dimensions          = { DBInstanceIdentifier = aws_db_instance.this[0].identifier }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  threshold           = 80
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "database_connections" {
  count               = var.create_database ? 1 : 0
  alarm_name          = "${var.name}-database-connections"
  alarm_description   = "The pollfeed RDS instance is near its connection limit (database_connections_alarm_threshold)."
  namespace           = "AWS/RDS"
  metric_name         = "DatabaseConnections"
  dimensions          = { DBInstanceIdentifier = aws_db_instance.this[0].identifier }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.database_connections_alarm_threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  tags                = local.tags
}

# pollfeed keeps its sessions unpinned (docs/deploy.md, 8.2); a pinned session holds a database connection per client.
resource "aws_cloudwatch_metric_alarm" "database_proxy_pinning" {
  count               = var.create_database ? 1 : 0
  alarm_name          = "${var.name}-database-proxy-pinning"
  alarm_description   = "RDS Proxy holds sessions pinned to database connections (docs/deploy.md, 8.2)."
  namespace           = "AWS/RDS"
  metric_name         = "DatabaseConnectionsCurrentlySessionPinned"
  dimensions          = { ProxyName = aws_db_proxy.this[0].name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 3
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = "pollfeed-${var.name}-${local.region}"
  dashboard_body = jsonencode({
    widgets = concat([
      { type = "metric", width = 12, height = 6, properties = { title = "HTTP API", region = local.region, stat = "Sum", period = 60,
        metrics = [["AWS/ApiGateway", "Count", "ApiId", aws_apigatewayv2_api.this.id], [".", "4xx", ".", "."], [".", "5xx", ".", "."]] } },
      { type = "metric", width = 12, height = 6, properties = { title = "API latency (ms)", region = local.region, period = 60,
        metrics = [["AWS/ApiGateway", "Latency", "ApiId", aws_apigatewayv2_api.this.id, { stat = "p50" }], ["...", { stat = "p99" }]] } },
      { type = "metric", width = 12, height = 6, properties = { title = "API function", region = local.region, stat = "Sum", period = 60,
        metrics = [["AWS/Lambda", "Invocations", "FunctionName", aws_lambda_function.api.function_name], [".", "Errors", ".", "."],
      [".", "Throttles", ".", "."], [".", "ConcurrentExecutions", ".", ".", { stat = "Maximum" }]] } },
      { type = "metric", width = 12, height = 6, properties = { title = "Maintenance and migrations", region = local.region, stat = "Sum", period = 300,
        metrics = [["AWS/Lambda", "Errors", "FunctionName", aws_lambda_function.maintenance.function_name],
      ["...", aws_lambda_function.migrate.function_name], ["pollfeed", "${var.name}-maintenance-failures"]] } },
      ], var.create_database ? [
      { type = "metric", width = 24, height = 6, properties = { title = "Database", region = local.region, stat = "Maximum", period = 300,
        metrics = [["AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", aws_db_instance.this[0].identifier], [".", "DatabaseConnections", ".", "."],
      ["AWS/RDS", "DatabaseConnectionsCurrentlySessionPinned", "ProxyName", aws_db_proxy.this[0].name], [".", "ClientConnections", ".", "."]] } },
    ] : [])
  })
}
