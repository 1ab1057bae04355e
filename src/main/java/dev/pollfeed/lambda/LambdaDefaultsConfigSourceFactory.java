package dev.pollfeed.lambda;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Lambda-safe defaults, applied only inside an AWS Lambda execution environment (where the runtime sets
 * {@code AWS_LAMBDA_FUNCTION_NAME}). Environment variables still override each of them.
 * <ul>
 * <li>Two connections per environment: an environment serves one request at a time, and a few hundred environments
 * with Quarkus's default pool of 20 would exhaust any PostgreSQL (or RDS Proxy's connection budget).</li>
 * <li>Idle connections closed after four minutes: below RDS Proxy's client idle timeout (30 minutes by default) and
 * the NAT gateway's 350 seconds, so the pool rarely holds a socket that the network has already dropped.</li>
 * <li>No database connection during init: Hibernate starts offline (no version check), the pools connect lazily,
 * and Flyway does not run. A SnapStart snapshot must not hold sockets that are dead by the time it is restored.</li>
 * <li>Structured JSON logs, which CloudWatch Logs Insights can query.</li>
 * <li>TLS to PostgreSQL verified against the RDS and RDS Proxy CAs shipped in function.zip ({@value #CA_BUNDLE}) with
 * the host name checked, whenever a URL asks for {@code sslmode=verify-full}: the JVM's trust store lacks the RDS CA,
 * and Vert.x checks no host name unless told to (docs/deploy.md, 8.5).</li>
 * </ul>
 */
public class LambdaDefaultsConfigSourceFactory implements ConfigSourceFactory {

    static final String LAMBDA_MARKER = "AWS_LAMBDA_FUNCTION_NAME";

    /** In function.zip (src/main/zip.jvm), unpacked by Lambda into the task root. */
    static final String CA_BUNDLE = "rds-ca-bundle.pem";

    /** Between application.properties (250) and environment variables (300). */
    private static final int ORDINAL = 270;

    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("quarkus.datasource.reactive.max-size", "2"),
            Map.entry("quarkus.datasource.reactive.idle-timeout", "PT4M"),
            Map.entry("quarkus.datasource.reactive.max-lifetime", "PT15M"),
            Map.entry("quarkus.datasource.reader.reactive.max-size", "2"),
            Map.entry("quarkus.datasource.reader.reactive.idle-timeout", "PT4M"),
            Map.entry("quarkus.datasource.reader.reactive.max-lifetime", "PT15M"),
            Map.entry("quarkus.datasource.jdbc.max-size", "2"),
            Map.entry("quarkus.hibernate-orm.database.start-offline", "true"),
            // The task root is read-only on Lambda; only /tmp is writable.
            Map.entry("quarkus.transaction-manager.object-store.directory", "/tmp/pollfeed-object-store"),
            Map.entry("quarkus.log.console.json.enabled", "true"),
            // Structured access lines: on Lambda the logs are the only window into a function. One request in 100
            // (and every 5xx): CloudWatch Logs bills each line's bytes, ~$2,000 a month at the article's 5,000
            // requests/s if every one were logged (docs/deploy.md, 9).
            Map.entry("quarkus.log.category.\"dev.pollfeed.access\".level", "INFO"),
            Map.entry("pollfeed.access-log.sample-every", "100"),
            // A frozen environment runs no timers: a scheduled invocation of the maintenance function prunes.
            Map.entry("quarkus.scheduler.enabled", "false"),
            // Each instance would count alone: API Gateway's throttling is the limit on Lambda (docs/security.md).
            Map.entry("pollfeed.security.rate-limit.per-second", "0"),
            Map.entry("pollfeed.security.auth-failures.max-per-source", "0"),
            // One request at a time per environment: its page is the only one in memory (PageMemory).
            Map.entry("pollfeed.polling.page-memory-bytes", "0"));

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (System.getenv(LAMBDA_MARKER) == null) {
            return List.of();
        }
        Map<String, String> defaults = new HashMap<>(DEFAULTS);
        defaults.putAll(tlsDefaults(System.getenv().getOrDefault("LAMBDA_TASK_ROOT", "/var/task")));
        return List.of(new PropertiesConfigSource(defaults, "pollfeed-lambda-defaults", ORDINAL));
    }

    /**
     * Used only when a URL enables TLS; QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS names another CA. The
     * reader and the JDBC migration follow the primary's settings, so that one set of variables configures all three
     * (a JDBC URL's own {@code sslrootcert} still wins).
     */
    static Map<String, String> tlsDefaults(String taskRoot) {
        String primary = "quarkus.datasource.reactive.";
        String reader = "quarkus.datasource.reader.reactive.";
        return Map.of(
                primary + "hostname-verification-algorithm", "HTTPS",
                primary + "trust-certificate-pem", "true",
                primary + "trust-certificate-pem.certs", taskRoot + "/" + CA_BUNDLE,
                reader + "hostname-verification-algorithm", "${" + primary + "hostname-verification-algorithm}",
                reader + "trust-certificate-pem", "${" + primary + "trust-certificate-pem}",
                reader + "trust-certificate-pem.certs", "${" + primary + "trust-certificate-pem.certs}",
                reader + "trust-all", "${" + primary + "trust-all:false}",
                "quarkus.datasource.jdbc.additional-jdbc-properties.sslrootcert",
                "${" + primary + "trust-certificate-pem.certs}");
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
