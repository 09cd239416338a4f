#!/usr/bin/env python3
"""Writes one Grafana dashboard per service into base/monitoring/dashboards/ (deploy/k8s/check.sh fails when the
committed files differ from what this writes: edit here, then run it).
  python3 deploy/k8s/tools/dashboards.py [DIR]"""
import json
import os
import sys

SERVICES = ["gateway", "case-service", "policy-service", "report-service"]
PUBLISHERS = ["case-service", "policy-service"]  # outbox relay
CONSUMERS = ["case-service", "report-service"]  # EventConsumer


def panel(n, title, exprs, unit="short"):
    return {"id": n, "type": "timeseries", "title": title,
            "gridPos": {"h": 8, "w": 12, "x": (n - 1) % 2 * 12, "y": (n - 1) // 2 * 8},
            "datasource": {"type": "prometheus", "uid": "${datasource}"},
            "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
            "targets": [{"refId": chr(65 + i), "expr": e, "legendFormat": legend} for i, (e, legend) in enumerate(exprs)]}


def dashboard(service):
    pod = f'namespace="$namespace", app_kubernetes_io_name="{service}"'
    rows = []
    if service == "gateway":
        rows += [("Requests by route and status", [(f'sum by (route, status) (rate(gateway_requests_seconds_count{{namespace="$namespace"}}[5m]))', "{{route}} {{status}}")], "reqps"),
                 ("p99 latency by route", [(f'histogram_quantile(0.99, sum by (route, le) (rate(gateway_requests_seconds_bucket{{namespace="$namespace"}}[5m])))', "{{route}}")], "s"),
                 ("5xx and rate-limit refusals (429)", [(f'sum(rate(gateway_requests_seconds_count{{namespace="$namespace", status=~"5.."}}[5m]))', "5xx"),
                                                        (f'sum(rate(gateway_requests_seconds_count{{namespace="$namespace", status="429"}}[5m]))', "429")], "reqps"),
                 ("Calls in flight and limit per service", [(f'sum by (service) (gateway_upstream_in_flight{{{pod}}})', "{{service}} in flight"),
                                                            (f'min by (service) (gateway_upstream_concurrency_limit{{{pod}}})', "{{service}} limit")], "short")]
    else:
        rows += [("Requests by status", [(f'sum by (status) (rate(http_server_requests_seconds_count{{{pod}}}[5m]))', "{{status}}")], "reqps"),
                 ("p99 latency", [(f'histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{{{pod}}}[5m])))', "p99")], "s")]
    if service in PUBLISHERS:
        rows.append(("Outbox: events not yet published, oldest age", [(f'max(corridor_outbox_backlog{{{pod}}})', "backlog"),
                                                                      (f'max(corridor_outbox_oldest_age_seconds{{{pod}}})', "oldest (s)")], "short"))
    if service in CONSUMERS:
        rows.append(("Consumer lag by topic", [(f'sum by (topic) (corridor_events_consumer_lag{{{pod}}})', "{{topic}}")], "short"))
        rows.append(("Dead-lettered events", [(f'sum by (topic) (increase(corridor_events_dead_lettered_total{{{pod}}}[1h]))', "{{topic}}")], "short"))
    rows += [("Heap used", [(f'sum by (pod) (jvm_memory_used_bytes{{{pod}, area="heap"}})', "{{pod}}")], "bytes"),
             ("CPU", [(f'sum by (pod) (process_cpu_usage{{{pod}}})', "{{pod}}")], "percentunit")]
    return {"uid": f"corridor-{service}", "title": f"Corridor / {service}", "schemaVersion": 39, "version": 1,
            "tags": ["corridor"], "timezone": "utc", "refresh": "30s", "time": {"from": "now-6h", "to": "now"},
            "templating": {"list": [
                {"name": "datasource", "type": "datasource", "query": "prometheus"},
                {"name": "namespace", "type": "query", "datasource": {"type": "prometheus", "uid": "${datasource}"},
                 "query": f'label_values(up{{app_kubernetes_io_name="{service}"}}, namespace)', "refresh": 1}]},
            "panels": [panel(i + 1, title, exprs, unit) for i, (title, exprs, unit) in enumerate(rows)]}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "base", "monitoring", "dashboards")
    os.makedirs(out, exist_ok=True)
    for s in SERVICES:
        with open(os.path.join(out, f"{s}.json"), "w") as f:
            json.dump(dashboard(s), f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
