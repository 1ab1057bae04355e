#!/usr/bin/env python3
"""Helpers of bench/run (standard library only).

  report.py state BASE_URL HEADS_FILE OUT     each channel's head and the ETag of its caught-up poll
  report.py metrics-delta BEFORE AFTER        pollfeed_* counter deltas between two /q/metrics scrapes, as JSON
  report.py cpu-snapshot OUT                  CPU ticks of the machine and of every process, to a file
  report.py cpu-delta BEFORE AFTER PID DB     CPU use between two snapshots, as JSON: machine busy %, server JVM
                                              (PID), this database's backends, other PostgreSQL processes and
                                              everything else (foreign: other work on the shared machine)
  report.py capture LOG OFFSET DB CHANNEL COUNT REFERENCE OUT_SCRIPT OUT_JSON
                                              the publish transaction the server ran (PostgreSQL log from OFFSET,
                                              log_statement=all) as a pgbench script; REFERENCE if it is the same
  report.py brief WRK_RESULT_JSON             one line: req/s, p50, p99, errors
  report.py report META MEASUREMENTS OUTBASE  medians, ratios and targets -> OUTBASE.json and OUTBASE.md;
                                              exits 3 when the run had errors (never because of speed)
  report.py ab-burst LABEL SCENARIO ROUND PID DB WRK_OUT BEFORE AFTER RESULTS
                                              one burst of bench/ab: rate and CPU per request, appended to RESULTS
  report.py ab-summary RESULTS                bench/ab's table: medians per jar and the median of B/A per round
"""
import collections
import http.client
import json
import os
import re
import statistics
import sys
import urllib.parse

# Scenario id -> (number, title, endpoint kind, expected outcome counter, events per request)
SCENARIOS = {
    "poll-304": (1, "caught-up conditional poll, If-None-Match → 304", "poll",
                 'pollfeed_polls_total{endpoint="single",outcome="not_modified"}', 0),
    "poll-empty": (2, "caught-up poll without ETag → 200, no events", "poll",
                   'pollfeed_polls_total{endpoint="single",outcome="empty"}', 0),
    "poll-catchup": (3, "catch-up poll, since=head−10&limit=10 → 10 events", "poll",
                     'pollfeed_polls_total{endpoint="single",outcome="events"}', 0),
    "poll-multi": (4, "multi-channel poll, 10 channels × 1 new event", "poll",
                   'pollfeed_polls_total{endpoint="multi",outcome="events"}', 0),
    "publish": (5, "publish 1 event, random channels", "publish", 'pollfeed_publishes_total{outcome="created"}', 1),
    "publish-hot": (6, "publish 1 event, one hot channel", "publish",
                    'pollfeed_publishes_total{outcome="created"}', 1),
    "publish-batch": (7, "publish batches of 10 events, random channels", "publish",
                      'pollfeed_publishes_total{outcome="created"}', 10),
}

LIMITS = {
    "pg-head": "pgbench: head lookup (`SELECT head, oldest FROM channels WHERE name = $1`)",
    "pg-caughtup": "pgbench: caught-up events query (0 rows)",
    "pg-tenrow": "pgbench: 10-row events query",
    "pg-multi": "pgbench: multi-channel heads-and-events statement (10 channels)",
    "pg-write": "pgbench: publish transaction, 1 event, random channels",
    "pg-write-hot": "pgbench: publish transaction, 1 event, hot channel",
    "pg-write-batch": "pgbench: publish transaction, 10 events, random channels",
    "nginx-200": "nginx: static file (200)",
    "nginx-304": "nginx: static file, If-None-Match (304)",
}

# (scenario, compared with, what the comparison is, minimum ratio, events-based)
TARGETS = [
    ("poll-304", "pg-caughtup", "pgbench caught-up query (0 rows)", 2.0, False),
    ("poll-empty", "pg-caughtup", "pgbench caught-up query (0 rows)", 1.8, False),
    ("poll-catchup", "pg-tenrow", "pgbench 10-row query", 0.8, False),
    ("poll-multi", "poll-empty", "scenario 2 (single-channel caught-up poll)", 0.5, False),
    ("publish", "pg-write", "pgbench publish transaction (random channels)", 0.6, False),
    ("publish-hot", "pg-write-hot", "pgbench publish transaction (hot channel)", 0.6, False),
    ("publish-batch", "publish", "scenario 5, in events/s", 5.0, True),
]
# Second limits of a scenario (issue 18): (scenario, compared with, what, minimum ratio).
SECOND_LIMITS = [
    ("poll-304", "nginx-304", "nginx static 304", 0.8),
]
# Stats at scale (issue 18): each stats endpoint on the 1,000,000-channel data set, against scenario 1 run on the same
# database right before it.
STATS_SCENARIOS = {
    "stats-deployment": "GET /v1/stats (totals, rates, top channels)",
    "stats-channel": "GET /v1/channels/{random of the set}/stats",
    "stats-series": "GET /v1/channels/{random of the set}/stats/series (60 points)",
}
STATS_BASELINE = "poll-304-scale"
STATS_MINIMUM = 0.5
# Informational ratios, no target.
CONTEXT_RATIOS = [
    ("poll-empty", "nginx-200", "nginx static 200"),
    ("poll-304", "pg-head", "pgbench head lookup"),
    ("poll-empty", "pg-head", "pgbench head lookup"),
    ("poll-multi", "pg-multi", "pgbench multi-channel statement"),
    ("publish-batch", "pg-write-batch", "pgbench publish transaction, 10 events"),
]
P99_POLL_MS = 20.0
RSS_LIMIT_MB = 300.0
FIRST_RESPONSE_S = 2.5


def state(base, heads_file, out):
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    lines = []
    with open(heads_file) as f:
        for line in f:
            if not line.strip():
                continue
            name, head = line.split()
            conn.request("GET", f"/v1/channels/{name}/events?since={head}")
            response = conn.getresponse()
            response.read()
            etag = response.getheader("ETag")
            if response.status != 200 or not etag:
                sys.exit(f"state: GET /v1/channels/{name}/events?since={head} gave {response.status}, ETag {etag}")
            lines.append(f"{name} {head} {etag}\n")
    with open(out, "w") as f:
        f.writelines(lines)


def parse_metrics(path):
    values = {}
    try:
        with open(path) as f:
            for line in f:
                m = re.match(r"^(pollfeed_\w+)(\{[^}]*\})?\s+([0-9.eE+-]+)", line)
                if m:
                    labels = m.group(2) or ""
                    # Normalise label order so that the keys match SCENARIOS.
                    pairs = sorted(re.findall(r'(\w+)="([^"]*)"', labels))
                    key = m.group(1) + ("{" + ",".join(f'{k}="{v}"' for k, v in pairs) + "}" if pairs else "")
                    values[key] = float(m.group(3))
    except FileNotFoundError:
        pass
    return values


def metrics_delta(before, after):
    b, a = parse_metrics(before), parse_metrics(after)
    print(json.dumps({k: a[k] - b.get(k, 0.0) for k in a if a[k] - b.get(k, 0.0) != 0}))


def cpu_snapshot(out):
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    procs = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read(200).replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        rest = stat[stat.rfind(")") + 2:].split()
        procs[pid] = [int(rest[11]) + int(rest[12]), cmdline]
    with open(out, "w") as f:
        json.dump({"stat": fields, "procs": procs}, f)


def cpu_delta(before_path, after_path, server_pid, db):
    hz = os.sysconf("SC_CLK_TCK")
    before, after = json.load(open(before_path)), json.load(open(after_path))
    b, a = before["stat"], after["stat"]
    total = sum(a[:8]) - sum(b[:8])
    idle = (a[3] + a[4]) - (b[3] + b[4])
    groups = {"java_s": 0, "pg_s": 0, "pg_other_s": 0, "foreign_s": 0}
    for pid, (ticks, cmdline) in after["procs"].items():
        if pid not in before["procs"]:
            continue  # started during the measurement: wrk or pgbench and their backends, curl, awk
        delta = ticks - before["procs"][pid][0]
        if pid == server_pid:
            groups["java_s"] += delta
        elif cmdline.startswith("postgres: ") and f" {db} {db} " in cmdline + " ":
            groups["pg_s"] += delta
        elif cmdline.startswith("postgres") and ": " in cmdline and " " not in cmdline.split(": ", 2)[-1]:
            groups["pg_other_s"] += delta  # walwriter, checkpointer, autovacuum, …
        else:
            groups["foreign_s"] += delta
    result = {k: round(v / hz, 2) for k, v in groups.items()}
    result["busy_pct"] = round(100.0 * (total - idle) / total, 1) if total > 0 else 0.0
    # Share of the machine's capacity used by other work during the measurement.
    result["foreign_pct"] = round(100.0 * groups["foreign_s"] / total, 1) if total > 0 else 0.0
    print(json.dumps(result))


LINE = re.compile(r"^\d{4}-\d\d-\d\d [\d:.]+ \w+ \[(\d+)\] (\S*)@(\S*) (LOG|DETAIL|ERROR|STATEMENT|WARNING):  (.*)$")
PARAM = re.compile(r"\$(\d+) = (NULL|'((?:[^']|'')*)')")


def parse_log(path, offset, db):
    """The statements our database's sessions ran, in order: [{pid, sql, params{n: value}}]."""
    with open(path, "rb") as f:
        f.seek(int(offset))
        text = f.read().decode(errors="replace")
    statements = []
    current = None
    for raw in text.split("\n"):
        m = LINE.match(raw)
        if not m:
            if current is not None and (raw.startswith("\t") or raw.startswith(" ")):
                current["sql"] += "\n" + raw[1:] if raw.startswith("\t") else "\n" + raw
            continue
        pid, user, database, level, message = m.groups()
        current = None
        if database != db:
            continue
        if level == "LOG":
            sm = re.match(r"^(?:statement|execute [^:]*): (.*)$", message)
            if sm:
                current = {"pid": pid, "sql": sm.group(1), "params": {}}
                statements.append(current)
        elif level == "DETAIL" and message.startswith("parameters: ") and statements:
            last = [s for s in statements if s["pid"] == pid]
            if last:
                for pm in PARAM.finditer(message):
                    value = None if pm.group(2) == "NULL" else pm.group(3).replace("''", "'")
                    last[-1]["params"][int(pm.group(1))] = value
    return statements


def write_script(statements, channel, count):
    """The publish (transaction or single statement) that touched `channel`, as a pgbench script with :c, :n, :first
    and :batch."""
    by_pid = {}
    for s in statements:
        by_pid.setdefault(s["pid"], []).append(s)
    for pid, stmts in by_pid.items():
        begin = None
        for i, s in enumerate(stmts):
            word = s["sql"].strip().rstrip(";").upper()
            if word == "BEGIN":
                begin = i
            elif word == "COMMIT" and begin is not None:
                body = stmts[begin + 1:i]
                if any(channel in s2["params"].values() for s2 in body):
                    return to_pgbench(body, channel, count)
                begin = None
    # A publish without an Idempotency-Key is one statement in its own implicit transaction.
    for s in statements:
        if re.search(r"insert\s+into\s+events", s["sql"], re.I) and channel in s["params"].values():
            return to_pgbench([s], channel, count, transaction=False)
    raise CaptureError(f"no statement or transaction writing channel {channel} in the log")


def to_pgbench(body, channel, count, transaction=True):
    lines = ["\\set c random(:cmin, :cmax)"] + (["BEGIN;"] if transaction else [])
    names = []
    for s in body:
        mapping = {}
        for n, value in s["params"].items():
            if value == channel:
                mapping[n] = "c"
            elif value == str(count):
                mapping[n] = "n"
            elif value == "1":
                mapping[n] = "first"
            elif value is not None and value.lstrip().startswith("["):
                mapping[n] = "batch"
            else:
                raise CaptureError(f"cannot map parameter ${n} = {value!r} of: {s['sql']}")
        names.append(mapping)
    uses_first = [i for i, m in enumerate(names) if "first" in m.values()]
    gset_at = None
    if uses_first:
        candidates = [i for i in range(uses_first[0]) if re.search(r"\bhead\b", body[i]["sql"], re.I)]
        if not candidates:
            raise CaptureError("a statement needs the first seq but none before it returns the head")
        gset_at = candidates[-1]
    for i, s in enumerate(body):
        sql = re.sub(r"\$(\d+)\b", lambda m: ":" + names[i][int(m.group(1))], s["sql"].strip().rstrip(";"))
        if i == gset_at:
            lines.append(sql + " \\gset new_")
            lines.append("\\set first :new_head - :n + 1")
        else:
            lines.append(sql + ";")
    if transaction:
        lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


class CaptureError(Exception):
    pass


def normalise(script):
    """The SQL and meta-commands of a pgbench script, comments and white space aside."""
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    return re.sub(r"\s+", " ", " ".join(lines)).strip()


def capture(log, offset, db, channel, count, reference, out_script, out_json):
    """Turns the statements the server ran (logged with log_statement=all) into the pgbench write script.

    Prints where the script comes from; writes out_script (the script to run) and out_json (every statement the
    server ran during the capture, for the results)."""
    try:
        statements = parse_log(log, offset, db)
        script = write_script(statements, channel, int(count))
        source = None
    except (CaptureError, OSError) as e:
        statements, script, source = [], None, f"bench/pgbench/write.sql (capturing the server's SQL failed: {e})"
    with open(reference) as f:
        static = f.read()
    if script is None:
        script = static
    elif normalise(script) == normalise(static):
        source, script = "bench/pgbench/write.sql (checked: the same statements as the server ran)", static
    else:
        source = ("the server's own statements, captured in this run (bench/pgbench/write.sql is out of date:"
                  " update it from write-captured.sql in the work folder)")
    with open(out_script, "w") as f:
        f.write(script)
    seen, distinct = set(), []
    for s in statements:
        if s["sql"] not in seen:
            seen.add(s["sql"])
            distinct.append(s["sql"])
    with open(out_json, "w") as f:
        json.dump({"write_sql_source": source, "statements": distinct}, f, indent=2)
    print(source)


def rps(result):
    return result["requests"] / (result["duration_us"] / 1e6) if result["duration_us"] else 0.0


def brief(result_json):
    r = json.loads(result_json)
    errors = sum(r["errors"].values())
    lat = r["latency_us"]
    print(f"{rps(r):,.0f} req/s, p50 {lat['p50'] / 1000:.2f} ms, p99 {lat['p99'] / 1000:.2f} ms"
          + (f", ERRORS {r['errors']}" if errors else ""))


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt_int(v):
    return "–" if v is None else f"{v:,.0f}"


def fmt_ms(v):
    return "–" if v is None else f"{v:.2f}"


def pct(v):
    return "–" if v is None else f"{v:.0f}%"


def fmt_ratio(v):
    return "–" if v is None else f"{v:.2f}×"


def report(meta_path, measurements_path, outbase):
    meta = json.load(open(meta_path))
    rows = [json.loads(line) for line in open(measurements_path) if line.strip()]
    errors = []

    # Per id and repeat: throughput (req/s or tps), latencies, cpu, rss.
    runs = {}
    starts = []
    for row in rows:
        if row["kind"] == "start":
            starts.append(row)
            continue
        entry = {"repeat": row["repeat"], "cpu": row.get("cpu", {})}
        if row["kind"] == "wrk":
            r = row["result"]
            entry.update(rate=rps(r), requests=r["requests"], p50_ms=r["latency_us"]["p50"] / 1000,
                         p99_ms=r["latency_us"]["p99"] / 1000, errors=r["errors"],
                         rss_max_mb=(row.get("rss_max_kb") or 0) / 1024, metrics=row.get("metrics", {}))
            bad = sum(r["errors"].values())
            if bad:
                errors.append(f"{row['id']} repeat {row['repeat']}: wrk errors {r['errors']}")
            scenario = SCENARIOS.get(row["id"])
            if scenario and entry["metrics"]:
                expected = entry["metrics"].get(scenario[3], 0)
                kind_total = sum(v for k, v in entry["metrics"].items()
                                 if k.startswith("pollfeed_polls_total" if scenario[2] == "poll"
                                                 else "pollfeed_publishes_total"))
                if r["requests"] and (expected < 0.99 * r["requests"] or expected < 0.99 * kind_total):
                    errors.append(f"{row['id']} repeat {row['repeat']}: {r['requests']} requests but the server"
                                  f" counted {expected:.0f} of {scenario[3]} (all: {entry['metrics']})")
                if scenario[4] > 1:
                    stored = entry["metrics"].get("pollfeed_events_published_total", 0)
                    if stored < 0.99 * scenario[4] * r["requests"]:
                        errors.append(f"{row['id']} repeat {row['repeat']}: {stored:.0f} events stored for"
                                      f" {r['requests']} batches of {scenario[4]}")
        else:
            entry.update(rate=row["tps"], latency_avg_ms=row["latency_avg_ms"], failed=row["failed"])
            if row["failed"]:
                errors.append(f"{row['id']} repeat {row['repeat']}: {row['failed']} failed pgbench transactions")
        runs.setdefault(row["id"], []).append(entry)

    def rate_of(ident, repeat=None):
        for e in runs.get(ident, []):
            if repeat is None or e["repeat"] == repeat:
                return e["rate"]
        return None

    def paired_ratio(a, b, factor=1.0):
        ratios = []
        for e in runs.get(a, []):
            other = rate_of(b, e["repeat"])
            if other:
                ratios.append(e["rate"] * factor / other)
        return med(ratios)

    summary = {}
    for ident, entries in runs.items():
        s = {"rate_median": med(e["rate"] for e in entries), "runs": entries}
        if ident in SCENARIOS or ident.startswith("nginx") or ident in STATS_SCENARIOS or ident == STATS_BASELINE:
            s["p50_ms_median"] = med(e["p50_ms"] for e in entries)
            s["p99_ms_median"] = med(e["p99_ms"] for e in entries)
        if ident in SCENARIOS:
            s["rss_max_mb"] = max(e["rss_max_mb"] for e in entries)
            s["java_cpu_us_per_req"] = med(1e6 * e["cpu"].get("java_s", 0) / max(1, e["requests"])
                                           for e in entries)
            s["pg_cpu_us_per_req"] = med(1e6 * e["cpu"].get("pg_s", 0) / max(1, e["requests"]) for e in entries)
        s["machine_busy_pct"] = med(e["cpu"].get("busy_pct") for e in entries)
        s["foreign_pct"] = med(e["cpu"].get("foreign_pct") for e in entries)
        if not ident.startswith("pg-"):
            pass
        else:
            s["latency_avg_ms_median"] = med(e["latency_avg_ms"] for e in entries)
        summary[ident] = s

    targets = []
    for scenario, limit, what, minimum, events in TARGETS:
        factor = SCENARIOS[scenario][4] / SCENARIOS[limit][4] if events else 1.0
        ratio = paired_ratio(scenario, limit, factor)
        targets.append({"check": f"scenario {SCENARIOS[scenario][0]} / {what}", "scenario": scenario,
                        "compared_with": limit, "value": ratio, "target": f">= {minimum}",
                        "pass": ratio is not None and ratio >= minimum})
    for scenario, limit, what, minimum in SECOND_LIMITS:
        ratio = paired_ratio(scenario, limit)
        targets.append({"check": f"scenario {SCENARIOS[scenario][0]} / {what}", "scenario": scenario,
                        "compared_with": limit, "value": ratio, "unit": "×", "target": f">= {minimum}",
                        "pass": ratio is not None and ratio >= minimum})
    for scenario, title in STATS_SCENARIOS.items():
        if scenario in summary:
            ratio = paired_ratio(scenario, STATS_BASELINE)
            targets.append({"check": f"{title}, at scale / scenario 1 on the same data", "scenario": scenario,
                            "compared_with": STATS_BASELINE, "value": ratio, "unit": "×",
                            "target": f">= {STATS_MINIMUM}", "pass": ratio is not None and ratio >= STATS_MINIMUM})
    for scenario, (number, _, kind, _, _) in SCENARIOS.items():
        if kind == "poll" and scenario in summary:
            p99 = summary[scenario]["p99_ms_median"]
            targets.append({"check": f"p99 of scenario {number}", "scenario": scenario, "value": p99,
                            "unit": "ms", "target": f"<= {P99_POLL_MS}", "pass": p99 <= P99_POLL_MS})
    rss = max((s.get("rss_max_mb", 0) for s in summary.values()), default=0)
    targets.append({"check": "RSS under load (max over all scenarios)", "value": rss, "unit": "MB",
                    "target": f"<= {RSS_LIMIT_MB:.0f}", "pass": 0 < rss <= RSS_LIMIT_MB})
    restarts = [s for s in starts if s["id"] != "fresh"] or starts
    first = med(s["first_response_ms"] for s in restarts) / 1000 if restarts else None
    targets.append({"check": "server time to first response" + (" (median of restarts)" if len(restarts) > 1
                                                                 else " (first start, includes migration)"),
                    "value": first, "unit": "s", "target": f"<= {FIRST_RESPONSE_S}",
                    "pass": first is not None and first <= FIRST_RESPONSE_S})

    context = [{"scenario": a, "compared_with": b, "what": w, "ratio": paired_ratio(a, b)} for a, b, w in
               CONTEXT_RATIOS]
    captured = {}
    if meta.get("captured_json") and os.path.exists(meta["captured_json"]):
        captured = json.load(open(meta["captured_json"]))
    meta["write_sql_source"] = captured.get("write_sql_source")
    log_lines = collections.Counter()
    if meta.get("server_warnings") and os.path.exists(meta["server_warnings"]):
        for line in open(meta["server_warnings"], errors="replace"):
            # "2026-11-28 06:40:27,503 ERROR [category] (thread) message": count by level, category and message.
            m = re.match(r"^\S+ \S+ +(WARN|ERROR) +\[([^\]]*)\] \([^)]*\) (.*)$", line.strip())
            if m:
                log_lines[f"{m.group(1)} [{m.group(2)}] {m.group(3)[:160]}"] += 1
    result = {"meta": meta, "server_log": [{"count": c, "line": k} for k, c in log_lines.most_common()],
              "server_sql": captured.get("statements", []), "startup": {"starts": starts, "first_response_s_median": first,
                                        "rss_rest_mb_median": med(s["rss_rest_kb"] / 1024 for s in restarts)
                                        if restarts else None},
              "scenarios": {k: v for k, v in summary.items() if k in SCENARIOS},
              "limits": {k: v for k, v in summary.items() if k not in SCENARIOS},
              "targets": targets, "context_ratios": context, "errors": errors}
    with open(outbase + ".json", "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")

    md = markdown(result, summary)
    with open(outbase + ".md", "w") as f:
        f.write(md)
    print(md)
    if errors:
        print("ERRORS:\n  " + "\n  ".join(errors), file=sys.stderr)
        sys.exit(3)


def markdown(result, summary):
    meta = result["meta"]
    target_of = {t["scenario"]: t for t in result["targets"] if "unit" not in t}
    p99_of = {t["scenario"]: t for t in result["targets"] if t.get("unit") == "ms"}
    out = []
    out.append(f"### pollfeed benchmark, {meta['mode']} run, {meta['date'][:16].replace('T', ' ')} UTC\n")
    out.append(f"Machine: {meta['nproc']} × {meta['cpu']}, {meta['ram_mb'] / 1024:.1f} GiB RAM, shared with other"
               f" work; {meta['java']}, PostgreSQL {meta['postgresql']}, nginx {meta['nginx']}, wrk {meta['wrk']}."
               f" Load generator, database and server share the cores.  ")
    out.append(f"Data: {meta['channels']:,} channels × {meta['events_per_channel']:,} events (~200 bytes of JSON"
               f" each). Load: `wrk -t{meta['threads']} -c{meta['connections']}` and `pgbench -M prepared"
               f" -j{meta['threads']} -c{meta['connections']}`, {meta['duration_s']} s per measurement, median of"
               f" {meta['repeats']} repeat(s); ratios are medians of per-repeat ratios. Server JVM:"
               f" `{meta['java_opts']}`. Whole run: {meta['wall_s']} s.\n")
    out.append("| # | Scenario | req/s | p50 ms | p99 ms | compared with (same run) | its rate | ratio | target |"
               " result |")
    out.append("|---|---|--:|--:|--:|---|--:|--:|--:|---|")
    for scenario, (number, title, kind, _, events) in SCENARIOS.items():
        s = summary.get(scenario)
        if not s:
            continue
        t = target_of.get(scenario)
        other = summary.get(t["compared_with"], {}) if t else {}
        rate = fmt_int(s["rate_median"])
        other_rate = fmt_int(other.get("rate_median"))
        if events > 1 and t:
            rate += f" ({s['rate_median'] * events:,.0f} events/s)"
            other_rate = f"{other.get('rate_median', 0):,.0f} events/s"
        what = ""
        if t:
            what = next(w for sc, lim, w, _, _ in TARGETS if sc == scenario)
        result_cell = ("PASS" if t["pass"] else "MISS") if t else ""
        p99 = fmt_ms(s["p99_ms_median"])
        if scenario in p99_of:
            p99 += "" if p99_of[scenario]["pass"] else " (MISS ≤ 20)"
        out.append(f"| {number} | {title} | {rate} | {fmt_ms(s['p50_ms_median'])} | {p99} | {what} | {other_rate} |"
                   f" {fmt_ratio(t['value'] if t else None)} | ≥ {t['target'][3:]}× | {result_cell} |")
    out.append("")
    out.append("| Other targets | measured | target | result |")
    out.append("|---|--:|--:|---|")
    for t in result["targets"]:
        if "unit" not in t:
            continue
        value = "–" if t["value"] is None else (f"{t['value']:.2f} {t['unit']}" if t["unit"] != "MB"
                                                 else f"{t['value']:.0f} MB")
        out.append(f"| {t['check']} | {value} | {t['target'].replace('<=', '≤').replace('>=', '≥')} {t['unit']} |"
                   f" {'PASS' if t['pass'] else 'MISS'} |")
    out.append("")
    scale = [i for i in [STATS_BASELINE, *STATS_SCENARIOS] if i in summary]
    if scale:
        out.append(f"Stats at scale ({meta.get('scale_channels', 0):,} more channels, one event each, beside the"
                   " benchmark's; medians):\n")
        out.append("| Scenario | req/s | p50 ms | p99 ms |")
        out.append("|---|--:|--:|--:|")
        for ident in scale:
            s = summary[ident]
            title = STATS_SCENARIOS.get(ident, "scenario 1 (caught-up conditional poll) on the same database")
            out.append(f"| {title} | {fmt_int(s['rate_median'])} | {fmt_ms(s.get('p50_ms_median'))} |"
                       f" {fmt_ms(s.get('p99_ms_median'))} |")
        out.append("")
    out.append("Limits measured in the same run (medians):\n")
    out.append("| Limit | rate/s | p50 ms | p99 ms | latency avg ms | machine busy | other work |")
    out.append("|---|--:|--:|--:|--:|--:|--:|")
    for ident, title in LIMITS.items():
        s = summary.get(ident)
        if not s:
            continue
        out.append(f"| {title} | {fmt_int(s['rate_median'])} | {fmt_ms(s.get('p50_ms_median'))} |"
                   f" {fmt_ms(s.get('p99_ms_median'))} | {fmt_ms(s.get('latency_avg_ms_median'))} |"
                   f" {pct(s['machine_busy_pct'])} | {pct(s['foreign_pct'])} |")
    out.append("")
    out.append("Where the CPU goes per request (medians; µs of CPU per request in the server JVM and in its"
               " PostgreSQL backends; \"other work\" is the share of the machine's CPU that processes outside the"
               " benchmark used during the measurement; the rest of the busy time is wrk and the kernel):\n")
    out.append("| Scenario | server JVM µs/req | PostgreSQL µs/req | machine busy | other work | max RSS MB |")
    out.append("|---|--:|--:|--:|--:|--:|")
    for scenario, (number, title, *_rest) in SCENARIOS.items():
        s = summary.get(scenario)
        if s:
            out.append(f"| {number}. {title} | {s['java_cpu_us_per_req']:.0f} | {s['pg_cpu_us_per_req']:.0f} |"
                       f" {pct(s['machine_busy_pct'])} | {pct(s['foreign_pct'])} | {s['rss_max_mb']:.0f} |")
    out.append("")
    out.append("Context ratios (no target): " + "; ".join(
        f"scenario {SCENARIOS[c['scenario']][0]} / {c['what']} = {fmt_ratio(c['ratio'])}"
        for c in result["context_ratios"] if c["ratio"] is not None) + ".  ")
    st = result["startup"]
    fresh = [s for s in st["starts"] if s["id"] == "fresh"]
    restarts = [s for s in st["starts"] if s["id"] != "fresh"]
    line = "Server starts: "
    if fresh:
        line += (f"first start on the empty database (with migration) {fresh[0]['first_response_ms'] / 1000:.2f} s"
                 f" ({fresh[0].get('cpu_ms', 0) / 1000:.1f} s of CPU), RSS {fresh[0]['rss_rest_kb'] / 1024:.0f} MB; ")
    if restarts:
        line += ("restarts on the seeded database " + ", ".join(
            f"{s['first_response_ms'] / 1000:.2f} s ({s.get('cpu_ms', 0) / 1000:.1f} s of CPU)" for s in restarts)
                 + f"; RSS at rest (median) {st['rss_rest_mb_median']:.0f} MB.")
    out.append(line)
    if meta.get("write_sql_source"):
        out.append(f"Publish transaction run by pgbench: {meta['write_sql_source']}.")
    if result["server_log"]:
        out.append("\nServer log, warnings and errors during the load (not counted as benchmark errors):\n")
        out.extend(f"- {e['count']} × `{e['line']}`" for e in result["server_log"][:8])
    if result["errors"]:
        out.append("\n**Errors:**\n")
        out.extend(f"- {e}" for e in result["errors"])
    return "\n".join(out) + "\n"


def cpu_groups(before_path, after_path, server_pid, db):
    """CPU seconds of the server JVM and of the database's backends between two snapshots."""
    hz = os.sysconf("SC_CLK_TCK")
    before, after = json.load(open(before_path)), json.load(open(after_path))
    java = pg = 0
    for pid, (ticks, cmdline) in after["procs"].items():
        if pid not in before["procs"]:
            continue
        delta = ticks - before["procs"][pid][0]
        if pid == server_pid:
            java += delta
        elif cmdline.startswith("postgres: ") and f" {db} {db} " in cmdline + " ":
            pg += delta
    return java / hz, pg / hz


def ab_burst(label, scenario, rnd, server_pid, db, wrk_out, cpu0, cpu1, results):
    """One burst of bench/ab: its rate and CPU per request, printed and appended to the results (JSON lines)."""
    line = [l for l in open(wrk_out) if l.startswith("BENCH_RESULT ")]
    if not line:
        sys.exit(f"no result in {wrk_out}")
    r = json.loads(line[-1][len("BENCH_RESULT "):])
    if sum(r["errors"].values()):
        sys.exit(f"{scenario} on {label}: errors {r['errors']}")
    java, pg = cpu_groups(cpu0, cpu1, server_pid, db)
    n = max(r["requests"], 1)
    row = {"jar": label, "scenario": scenario, "round": rnd, "rate": rps(r), "java_us": java * 1e6 / n,
           "pg_us": pg * 1e6 / n}
    if rnd != "warmup":
        with open(results, "a") as f:
            f.write(json.dumps(row) + "\n")
    print(f"{scenario:14} {rnd:>6} {label}: {row['rate']:9,.0f} req/s, JVM {row['java_us']:4.0f} µs, "
          f"PostgreSQL {row['pg_us']:4.0f} µs per request")


def ab_summary(results):
    rows = [json.loads(l) for l in open(results)]
    print("| scenario | A req/s | B req/s | B/A (median of rounds) | A JVM / PG µs | B JVM / PG µs |")
    print("|---|--:|--:|--:|--:|--:|")
    for scenario in dict.fromkeys(r["scenario"] for r in rows):
        mine = [r for r in rows if r["scenario"] == scenario]
        by = {j: {r["round"]: r for r in mine if r["jar"] == j} for j in ("A", "B")}
        ratios = [by["B"][k]["rate"] / by["A"][k]["rate"] for k in by["A"] if k in by["B"] and by["A"][k]["rate"]]

        def m(jar, key):
            return med([r[key] for r in by[jar].values()])
        print(f"| {scenario} | {m('A', 'rate'):,.0f} | {m('B', 'rate'):,.0f} | {med(ratios):.2f}× "
              f"({min(ratios):.2f}-{max(ratios):.2f}) | {m('A', 'java_us'):.0f} / {m('A', 'pg_us'):.0f} "
              f"| {m('B', 'java_us'):.0f} / {m('B', 'pg_us'):.0f} |")


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    command, args = argv[1], argv[2:]
    if command == "state":
        state(*args)
    elif command == "metrics-delta":
        metrics_delta(*args)
    elif command == "cpu-snapshot":
        cpu_snapshot(*args)
    elif command == "cpu-delta":
        cpu_delta(*args)
    elif command == "capture":
        capture(*args)
    elif command == "brief":
        brief(*args)
    elif command == "report":
        report(*args)
    elif command == "ab-burst":
        ab_burst(*args)
    elif command == "ab-summary":
        ab_summary(*args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
