package dev.pollfeed.cost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The monthly bill of three scenarios (docs/deploy.md, 9.4), per front door, with fixed and adaptive
 * {@code Poll-Interval}, and in server mode, computed from docs/cost/inputs.properties (list prices, measured billed
 * duration, simulated request counts, stated assumptions) and rendered as the Markdown the document holds.
 */
final class CostTable {

    static final double HOURS = 730;
    static final double MONTH_SECONDS = 30 * 86_400;
    static final double GIB = 1024.0 * 1024 * 1024;

    /** A scenario: who polls how often, and what database and server it needs. */
    record Scenario(String title, String who, int users, double fixedMillions, double adaptiveMillions,
            String fixedLabel, String adaptiveLabel, String database, int servers) {
    }

    /** A way to serve the requests. */
    enum Door {

        HTTP_API("Lambda + HTTP API"), FUNCTION_URL("Lambda + function URL"), ALB("Lambda + ALB"), SERVER("server mode (EC2)");

        final String label;

        Door(String label) {
            this.label = label;
        }
    }

    private final Properties in;

    CostTable(Properties inputs) {
        this.in = inputs;
    }

    double number(String key) {
        String value = in.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("docs/cost/inputs.properties has no " + key);
        }
        return Double.parseDouble(value.trim());
    }

    List<Scenario> scenarios() {
        double perMillion = MONTH_SECONDS / 1e6;
        return List.of(
                new Scenario("The seed article: 50,000 users polling every 10 s",
                        "50,000 users, each polling one channel (10 % a few busy channels, 40 % team rooms, 50 % their"
                                + " inbox); base interval 10 s, adaptive cap 60 s (bench/simulate)",
                        50_000, number("simulation.article.fixedMillions"),
                        number("simulation.article.adaptiveMillions"), "fixed 10 s", "adaptive 10-60 s",
                        "db.t4g.medium", 1),
                new Scenario("Small app: 1,000 users, a few thousand events a day",
                        "1,000 users polling one channel each (half of them in 50 team rooms, half their inbox; about"
                                + " 5,000 events a day) at the default 2 s; adaptive with the defaults, 2-30 s"
                                + " (bench/simulate --population small)",
                        1_000, number("simulation.small.fixedMillions"), number("simulation.small.adaptiveMillions"),
                        "fixed 2 s", "adaptive 2-30 s", "db.t4g.micro", 1),
                new Scenario("Dashboard: 200 viewers of 20 stat panels",
                        "200 viewers, 20 panel requests (stats) each every 10 s; stats keep the base interval (they"
                                + " change every minute), so adaptive saves nothing here: the lever is the CDN (public stats)",
                        200, 200 * 20 / 10.0 * perMillion, 200 * 20 / 10.0 * perMillion, "fixed 10 s", "adaptive",
                        "db.t4g.micro", 1));
    }

    /** The line items of one column, in dollars a month (NaN where an item does not apply). */
    Map<String, Double> bill(Scenario scenario, Door door, double millions) {
        Map<String, Double> items = new LinkedHashMap<>();
        double requests = millions * 1e6;
        double perSecond = requests / MONTH_SECONDS;
        boolean lambda = door != Door.SERVER;
        boolean http2 = door == Door.ALB || door == Door.SERVER;
        items.put("Requests per month", millions);
        items.put("Front door", switch (door) {
            case HTTP_API -> Math.min(millions, 300) * number("price.httpApi.perMillion.first300M")
                    + Math.max(0, millions - 300) * number("price.httpApi.perMillion.above300M");
            case FUNCTION_URL -> 0.0;
            case ALB -> HOURS * (number("price.alb.hour") + loadBalancerUnits(scenario, perSecond)
                    * number("price.alb.lcuHour"));
            case SERVER -> HOURS * number("price.publicIpv4.hour");
        });
        items.put("Lambda requests", lambda ? millions * number("price.lambda.perMillionRequests") : Double.NaN);
        items.put("Lambda duration", lambda
                ? requests * number("lambda.meanBilledMs") / 1000
                        * number("lambda.memoryMb") / 1024 * number("price.lambda.gbSecond." + architecture())
                : Double.NaN);
        double logBytes = number("assume.logBytes.platformLines")
                + number("assume.logBytes.accessLine") / number("assume.accessLogSampleEvery");
        items.put("CloudWatch Logs", lambda ? requests * logBytes / GIB * number("price.logs.ingestedPerGb") : Double.NaN);
        double bytes = number(http2 ? "assume.responseBytes.http2" : "assume.responseBytes.http1");
        items.put("Data transfer out", transferOut(requests * bytes / GIB));
        items.put("Servers", lambda ? Double.NaN : scenario.servers() * HOURS * number("price.ec2.c7g.large.hour"));
        items.put("Database", HOURS * number("price.rds." + scenario.database() + ".hour")
                + number("assume.rdsStorageGb") * number("price.rds.gp3.perGbMonth"));
        items.put("RDS Proxy", lambda ? HOURS * 2 * number("price.rdsProxy.vcpuHour") : Double.NaN);
        double total = 0;
        for (Map.Entry<String, Double> item : items.entrySet()) {
            if (!item.getKey().equals("Requests per month") && !item.getValue().isNaN()) {
                total += item.getValue();
            }
        }
        items.put("Total", total);
        items.put("CloudFront in front (added)", millions * number("price.cloudfront.perMillionHttps"));
        return items;
    }

    String architecture() {
        return in.getProperty("lambda.architecture").trim();
    }

    /**
     * Load balancer capacity units: the largest of active connections (3,000 a minute per LCU: every user keeps one
     * open), new connections (25 a second per LCU: each user reconnects every 5 minutes) and processed bytes (0.4 GB an
     * hour per LCU for Lambda targets).
     */
    double loadBalancerUnits(Scenario scenario, double perSecond) {
        double active = scenario.users() / 3_000.0;
        double fresh = scenario.users() / 300.0 / 25;
        double processed = perSecond * number("assume.albBytesPerRequest") * 3600 / 1e9 / 0.4;
        return Math.max(active, Math.max(fresh, processed));
    }

    double transferOut(double gib) {
        String[] tiers = in.getProperty("price.transferOut.perGb.tiers").split(",");
        double[] sizes = {10 * 1024, 40 * 1024, Double.MAX_VALUE};
        double cost = 0;
        double left = gib;
        for (int i = 0; i < tiers.length && left > 0; i++) {
            double here = Math.min(left, sizes[i]);
            cost += here * Double.parseDouble(tiers[i]);
            left -= here;
        }
        return cost;
    }

    /** Lambda with a function URL costs this per million requests beyond the fixed database costs. */
    double lambdaPerMillion() {
        Scenario probe = scenarios().get(0);
        Map<String, Double> one = bill(probe, Door.FUNCTION_URL, 1);
        return one.get("Lambda requests") + one.get("Lambda duration") + one.get("CloudWatch Logs")
                + one.get("Data transfer out");
    }

    /** Markdown: one table per scenario, then the break-even line. */
    String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Prices of %s (docs/cost/inputs.properties); Lambda %s, %.0f MB, %.1f ms"
                + " billed per request (mean, measured: 9.5). Dollars a month.%n", in.getProperty("prices.date"),
                architecture(), number("lambda.memoryMb"), number("lambda.meanBilledMs")));
        for (Scenario scenario : scenarios()) {
            out.append(String.format(Locale.ROOT, "%n**%s.** %s.%n%n", scenario.title(), scenario.who()));
            List<String> headers = new ArrayList<>(List.of(""));
            List<Map<String, Double>> columns = new ArrayList<>();
            for (Door door : Door.values()) {
                for (boolean adaptive : new boolean[]{false, true}) {
                    headers.add(door.label + ", " + (adaptive ? scenario.adaptiveLabel() : scenario.fixedLabel()));
                    columns.add(bill(scenario, door, adaptive ? scenario.adaptiveMillions() : scenario.fixedMillions()));
                }
            }
            out.append("| ").append(String.join(" | ", headers)).append(" |\n");
            out.append("|---").append("|---:".repeat(columns.size())).append("|\n");
            for (String item : columns.get(0).keySet()) {
                boolean bold = item.equals("Total");
                out.append("| ").append(bold ? "**" + item + "**" : item);
                for (Map<String, Double> column : columns) {
                    Double value = column.get(item);
                    String cell = value.isNaN()
                            ? "—"
                            : item.equals("Requests per month")
                                    ? String.format(Locale.ROOT, "%,.0f M", value)
                                    : String.format(Locale.ROOT, "$%,.0f", value);
                    out.append(" | ").append(bold ? "**" + cell + "**" : cell);
                }
                out.append(" |\n");
            }
        }
        Scenario article = scenarios().get(0);
        double serverFixed = bill(article, Door.SERVER, 0).get("Total") - bill(article, Door.SERVER, 0).get("Database");
        double lambdaFixed = bill(article, Door.FUNCTION_URL, 0).get("RDS Proxy");
        double breakEven = (serverFixed - lambdaFixed) / (lambdaPerMillion() - serverPerMillion());
        out.append(String.format(Locale.ROOT, "%n**Break-even.** Lambda behind a function URL costs $%.3f per million"
                + " requests (requests, duration, logs, HTTP/1.1 transfer) plus RDS Proxy ($%.0f); one server costs"
                + " $%.0f a month plus $%.3f per million (HTTP/2 transfer), the same database either way. They cost the"
                + " same at **%,.0f million requests a month (%,.0f requests/s)**; above that the server is cheaper,"
                + " up to its capacity.%n", lambdaPerMillion(), lambdaFixed, serverFixed, serverPerMillion(), breakEven,
                breakEven * 1e6 / MONTH_SECONDS));
        return out.toString();
    }

    private double serverPerMillion() {
        return bill(scenarios().get(0), Door.SERVER, 1).get("Data transfer out");
    }
}
