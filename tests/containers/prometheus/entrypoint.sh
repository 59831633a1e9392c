#!/bin/sh
# Writes the configuration and starts Prometheus in the foreground.
#   SCRAPE_TARGETS   space-separated host:port list, scraped at /metrics (job "atotiauth")
#   SCRAPE_INTERVAL  default 1s (tests wait for a scrape)
# Rule files: every *.yaml in /rules; a Prometheus Operator PrometheusRule is read from its "spec:"
# (its groups, two spaces in), so the deployment's own rule file is the one loaded.
set -eu
conf=/tmp/prometheus/prometheus.yml
interval="${SCRAPE_INTERVAL:-1s}"
mkdir -p /tmp/prometheus/rules /tmp/prometheus/data
for file in /rules/*.yaml; do
  [ -e "$file" ] || continue
  out="/tmp/prometheus/rules/$(basename "$file")"
  if grep -q '^kind: PrometheusRule' "$file"; then
    sed -n '/^spec:/,$p' "$file" | sed '1d; s/^  //' >"$out"
  else
    cp "$file" "$out"
  fi
done
{
  echo "global:"
  echo "  scrape_interval: $interval"
  echo "  evaluation_interval: $interval"
  echo "rule_files:"
  echo "  - /tmp/prometheus/rules/*.yaml"
  echo "scrape_configs:"
  echo "  - job_name: atotiauth"
  echo "    metrics_path: /metrics"
  echo "    static_configs:"
  echo "      - targets:"
  for target in ${SCRAPE_TARGETS:-}; do
    echo "          - \"$target\""
  done
} >"$conf"
promtool check config "$conf"
exec prometheus --config.file="$conf" --storage.tsdb.path=/tmp/prometheus/data --web.listen-address=:9090 --log.level=info
