#!/usr/bin/env bash
# Says what happened to a deploy: on the job's log as a GitHub error annotation, in the run's summary, and on
# Slack when SLACK_WEBHOOK_URL is set (an incoming webhook, as the services' failure notifier uses).
# A notification that cannot be delivered is reported, never fatal: it must not hide the deploy's own outcome.
#
# Usage: deploy/cd/notify.sh MESSAGE
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: deploy/cd/notify.sh MESSAGE" >&2; exit 2; }
message=$1

echo "::error title=estore deploy::$message"
if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
  printf '### estore deploy\n\n%s\n' "$message" >>"$GITHUB_STEP_SUMMARY"
fi
if [[ -n ${SLACK_WEBHOOK_URL:-} ]]; then
  payload=$(jq -cn --arg text "$message" '{text: $text}')
  curl -sS --fail --max-time 15 -X POST -H 'Content-Type: application/json' --data "$payload" "$SLACK_WEBHOOK_URL" \
    >/dev/null || echo "notify: Slack did not take the message" >&2
fi
