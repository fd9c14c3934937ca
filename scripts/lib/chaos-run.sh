#!/usr/bin/env bash
# The scenarios of scripts/chaos (read its header). Run by scripts/test through WANGGE_TEST_COMMAND,
# with the private cluster's WANGGE_TEST_PG_* variables, CHAOS_JAR and CHAOS_MODE (full | short).
set -uo pipefail

MODE=${CHAOS_MODE:-full}
if [[ $MODE == short ]]; then
  LEAD=5 TAIL=3 DB_STOP=4 FREEZE=4 HOLD=12 WORKERS=3 LIVE_SLICE=8
  DEMO=(--wangge.demo.grids=40 --wangge.demo.addresses=2000 --wangge.demo.incidents=40)
else
  LEAD=10 TAIL=10 DB_STOP=30 FREEZE=20 HOLD=30 WORKERS=6 LIVE_SLICE=20
  DEMO=(--wangge.demo.grids=40 --wangge.demo.addresses=2000 --wangge.demo.incidents=40)
fi
# How long a (re)start may take: generous, the machine may be shared.
START_WAIT=${CHAOS_START_WAIT:-900}
# The longest one answer may take: socket timeout 25 s + pool wait 5 s + slack (application.properties).
BOUND=35
# The longest SIGTERM may take with open live streams (the graceful timeout is 30 s).
SHUTDOWN_BOUND=10
DB=wangge_chaos
RUN=$RANDOM
WORK=$(mktemp -d "${TMPDIR:-/tmp}/wangge-chaos.XXXXXX")
SECONDS=0
export PGPASSWORD=$WANGGE_TEST_PG_PASSWORD
PG_TMP=$(dirname "$WANGGE_TEST_PG_DATA")

say() { echo "[chaos $(date +%T)] $*" >&2; }
now_ms() { date +%s%3N; }
psqlc() { psql -qtAX -v ON_ERROR_STOP=1 -h "$WANGGE_TEST_PG_HOST" -p "$WANGGE_TEST_PG_PORT" -U "$WANGGE_TEST_PG_USER" -d "$DB" "$@"; }
as_pg() {
  if [[ -n ${WANGGE_TEST_PG_OS_USER:-} ]]; then
    (cd "$PG_TMP" && runuser -u "$WANGGE_TEST_PG_OS_USER" -- "$@")
  else
    "$@"
  fi
}
pg_start() {
  as_pg "$WANGGE_TEST_PG_BIN/pg_ctl" -D "$WANGGE_TEST_PG_DATA" -l "$PG_TMP/server.log" -o "-p $WANGGE_TEST_PG_PORT" -w -t 60 -s start
}
pg_stop() { as_pg "$WANGGE_TEST_PG_BIN/pg_ctl" -D "$WANGGE_TEST_PG_DATA" -m fast -w -t 60 -s stop; }
violation() {
  echo "$*" >>"$WORK/violations"
  say "VIOLATION: $*"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p
  for ((p = $1; p < $1 + 200; p++)); do port_free "$p" && echo "$p" && return 0; done
  return 1
}
PORT_A=$(free_port 18190)
PORT_B=$(free_port $((PORT_A + 1)))

declare -A APP_PID
start_app() { # name port
  "$JAVA_HOME/bin/java" -Xmx768m -XX:+UseSerialGC -jar "$CHAOS_JAR" --server.address=127.0.0.1 --server.port="$2" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$WANGGE_TEST_PG_PORT/$DB" \
    --spring.datasource.username="$WANGGE_TEST_PG_USER" --spring.datasource.password="$WANGGE_TEST_PG_PASSWORD" \
    "${DEMO[@]}" --logging.level.root=WARN --logging.level.org.wangge=INFO >>"$WORK/app-$1.log" 2>&1 &
  APP_PID[$1]=$!
}
wait_ready() { # port seconds
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$1/actuator/health/readiness") == 200 ]] && return 0
    sleep 0.5
  done
  return 1
}
stop_all() {
  local name
  for name in "${!APP_PID[@]}"; do kill "${APP_PID[$name]}" 2>/dev/null || true; done
  for name in "${!APP_PID[@]}"; do wait "${APP_PID[$name]}" 2>/dev/null || true; done
}
cleanup() {
  touch "$WORK/stop-load" "$WORK"/stop-live 2>/dev/null
  [[ -n ${HOLDER:-} ]] && kill "$HOLDER" 2>/dev/null
  jobs -p | xargs -r kill 2>/dev/null
  stop_all
  if [[ ${CHAOS_KEEP:-0} == 1 ]]; then say "work files kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# --- set-up ----------------------------------------------------------------------------------------

psql -qX -h "$WANGGE_TEST_PG_HOST" -p "$WANGGE_TEST_PG_PORT" -U "$WANGGE_TEST_PG_USER" -d postgres -c "CREATE DATABASE $DB" || exit 1
psqlc -c "CREATE EXTENSION postgis" || exit 1
say "PostgreSQL fsync=$(psqlc -c 'SHOW fsync') synchronous_commit=$(psqlc -c 'SHOW synchronous_commit'); mode $MODE; work dir $WORK"
say "Starting the service on 127.0.0.1:$PORT_A (first start loads the demo city)…"
t=$SECONDS
start_app A "$PORT_A"
wait_ready "$PORT_A" "$START_WAIT" || { tail -n 40 "$WORK/app-A.log" >&2; echo "The service did not become ready" >&2; exit 1; }
say "Ready after $((SECONDS - t)) s"
TOKEN=$(curl -sf -u admin:wangge-demo-2026 -H "Content-Type: application/json" -d '{"name":"chaos"}' \
  "http://127.0.0.1:$PORT_A/api/admin/users/operator-city/tokens" | grep -o '"secret":"[^"]*"' | cut -d'"' -f4)
[[ -n $TOKEN ]] || { echo "Could not issue an API token" >&2; exit 1; }
CATEGORY=$(psqlc -c "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL AND questions NOT LIKE '%\"required\":true%'")
mapfile -t POINTS < <(psqlc -c "SELECT ST_X(location) || ' ' || ST_Y(location) FROM address ORDER BY id LIMIT 500")

# --- load: keyed reports, each retried until acknowledged --------------------------------------------

reporter() { # scenario worker ports...
  local sc=$1 w=$2
  shift 2
  local ports=("$@") i=0 tries key lon lat body out code took rc port started stamp
  while [[ ! -e $WORK/stop-load ]]; do
    i=$((i + 1))
    key="chaos-$RUN-$sc-$w-$i"
    read -r lon lat <<<"${POINTS[$(((w * 7919 + i * 104729) % ${#POINTS[@]}))]}"
    body="{\"lon\":$lon,\"lat\":$lat,\"categoryCode\":\"$CATEGORY\",\"description\":\"chaos $key\",\"source\":\"PATROL\"}"
    tries=0
    started=$SECONDS
    while :; do
      port=${ports[$(((i + tries) % ${#ports[@]}))]}
      tries=$((tries + 1))
      stamp=$(now_ms)
      out=$(curl -s -o /dev/null -D "$WORK/h.$sc.$w" -w '%{http_code} %{time_total}' --max-time $((BOUND + 10)) \
        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H "Idempotency-Key: $key" \
        --data "$body" "http://127.0.0.1:$port/api/incidents")
      rc=$?
      code=${out%% *}
      took=${out#* }
      echo "$sc $w $key $port $code $took $rc $stamp" >>"$WORK/attempts"
      if ((rc == 28)); then violation "$sc: $key hung past $((BOUND + 10)) s (port $port)"; fi
      if awk -v t="$took" -v b="$BOUND" 'BEGIN { exit !(t > b) }'; then violation "$sc: $key answered $code after $took s (bound $BOUND s)"; fi
      case $code in
        200 | 201)
          echo "$key" >>"$WORK/acked.$sc"
          break
          ;;
        503)
          grep -qi '^retry-after: *[0-9]' "$WORK/h.$sc.$w" || violation "$sc: 503 without Retry-After for $key"
          sleep 1
          ;;
        000) sleep 0.5 ;; # refused: the instance is down (or the hang counted above)
        *)
          violation "$sc: $key answered $code"
          sleep 1
          ;;
      esac
      if ((SECONDS - started > START_WAIT + 60)); then
        violation "$sc: $key not acknowledged within $((START_WAIT + 60)) s"
        break
      fi
    done
  done
}

# --- live clients: /api/live, reconnecting with Last-Event-ID ----------------------------------------

live_client() { # name ports...
  local name=$1
  shift
  local ports=("$@") k=0 last='' port
  while [[ ! -e $WORK/stop-live ]]; do
    port=${ports[$((k % ${#ports[@]}))]}
    k=$((k + 1))
    local resume=()
    [[ -n $last ]] && resume=(-H "Last-Event-ID: $last")
    curl -sN --max-time "$LIVE_SLICE" -H "Authorization: Bearer $TOKEN" -H 'Accept: text/event-stream' "${resume[@]}" \
      "http://127.0.0.1:$port/api/live" 2>/dev/null |
      awk -v f="$WORK/live.$name" '/^id:/ { id = substr($0, 4) } /^event:/ { ev = substr($0, 7) }
           /^\r?$/ { if (ev != "" && id != "") { print ev, id >> f; fflush(f) } ev = ""; id = "" }'
    [[ -s $WORK/live.$name ]] && last=$(tail -n 1 "$WORK/live.$name" | cut -d' ' -f2)
    [[ -e $WORK/stop-live ]] || sleep 0.5
  done
}

# --- checks ------------------------------------------------------------------------------------------

declare -a SUMMARY
check_scenario() { # scenario fault_start_ms fault_end_ms live-names...
  local sc=$1 start=$2 end=$3
  shift 3
  touch "$WORK/acked.$sc"
  local acked attempts n503 n000 other maxt recovery
  acked=$(wc -l <"$WORK/acked.$sc")
  attempts=$(awk -v s="$sc" '$1 == s' "$WORK/attempts" | wc -l)
  n503=$(awk -v s="$sc" '$1 == s && $5 == 503' "$WORK/attempts" | wc -l)
  n000=$(awk -v s="$sc" '$1 == s && $5 == "000"' "$WORK/attempts" | wc -l)
  other=$(awk -v s="$sc" '$1 == s && $5 != 503 && $5 != "000" && $5 != 200 && $5 != 201' "$WORK/attempts" | wc -l)
  maxt=$(awk -v s="$sc" '$1 == s { if ($6 > m) m = $6 } END { printf "%.1f", m }' "$WORK/attempts")
  # Recovery: from the end of the fault to the first acknowledged attempt sent after it.
  recovery=$(awk -v s="$sc" -v e="$end" '$1 == s && ($5 == 200 || $5 == 201) && $8 >= e { if (f == "" || $8 < f) f = $8 } END { if (f == "") print "-"; else printf "%.1f", (f - e) / 1000 }' "$WORK/attempts")
  local rows
  rows=$(psqlc <<SQL
CREATE TEMP TABLE acked (k text PRIMARY KEY);
\copy acked FROM '$WORK/acked.$sc'
CREATE TEMP TABLE found AS
  SELECT a.k, i.id FROM acked a LEFT JOIN incident i ON i.description = 'chaos ' || a.k;
SELECT count(DISTINCT k) FILTER (WHERE id IS NOT NULL),
       (SELECT count(*) FROM (SELECT k FROM found GROUP BY k HAVING count(id) = 0) x),
       (SELECT count(*) FROM (SELECT k FROM found GROUP BY k HAVING count(id) > 1) x),
       (SELECT count(*) FROM found f WHERE f.id IS NOT NULL
          AND (SELECT count(*) FROM incident_event e WHERE e.incident_id = f.id AND e.action = 'REPORT') <> 1),
       (SELECT count(*) FROM found f WHERE f.id IS NOT NULL
          AND (SELECT count(*) FROM audit_event x WHERE x.entity_type = 'incident' AND x.entity_id = f.id::text
               AND x.action = 'INCIDENT_REPORTED') <> 1)
FROM found;
SQL
)
  local stored lost dup badev badaudit
  IFS='|' read -r stored lost dup badev badaudit <<<"$rows"
  ((lost > 0)) && violation "$sc: $lost acknowledged reports not stored"
  ((dup > 0)) && violation "$sc: $dup acknowledged reports stored more than once"
  ((badev > 0)) && violation "$sc: $badev acknowledged reports without exactly one REPORT timeline entry"
  ((badaudit > 0)) && violation "$sc: $badaudit acknowledged reports without exactly one audit record"
  ((acked == 0)) && violation "$sc: no report was acknowledged"
  local live_result="" name
  for name in "$@"; do
    live_result+=" $(check_live "$sc" "$name")"
  done
  SUMMARY+=("$(printf '%-14s %6s %6s %5s %6s %6s %5s %7s %9s %s' "$sc" "$attempts" "$acked" "$stored" "$n503" "$n000" "$other" "$maxt" "$recovery" "$live_result")")
}

check_live() { # scenario name: every timeline entry between its first 'ready' and now, once
  local sc=$1 name=$2 file=$WORK/live.$2 first end got
  first=$(awk '$1 == "ready" { print $2; exit }' "$file" 2>/dev/null)
  if [[ -z $first ]]; then
    violation "$sc: live client $name never connected"
    echo "$name:none"
    return
  fi
  end=$(psqlc -c "SELECT coalesce(max(id), 0) FROM incident_event")
  local deadline=$((SECONDS + 60))
  while ((SECONDS < deadline)); do
    got=$(awk '$1 == "case" { if ($2 > m) m = $2 } END { print m + 0 }' "$file")
    ((got >= end)) && break
    sleep 1
  done
  psqlc -c "SELECT id FROM incident_event WHERE id > $first AND id <= $end ORDER BY id" >"$WORK/expected.$name"
  awk -v a="$first" -v b="$end" '$1 == "case" && $2 > a && $2 <= b { print $2 }' "$file" >"$WORK/received.$name"
  local expected received missing dups
  expected=$(wc -l <"$WORK/expected.$name")
  received=$(wc -l <"$WORK/received.$name")
  missing=$(comm -23 <(sort "$WORK/expected.$name") <(sort -u "$WORK/received.$name") | wc -l)
  dups=$(sort "$WORK/received.$name" | uniq -d | wc -l)
  ((missing > 0)) && violation "$sc: live client $name missed $missing of $expected timeline entries"
  ((dups > 0)) && violation "$sc: live client $name received $dups entries more than once"
  echo "$name:$received/$expected"
}

# --- scenarios ---------------------------------------------------------------------------------------

FAULT_START=0 FAULT_END=0
run() { # scenario fault-function load-ports (comma separated) live-ports (comma separated)
  local sc=$1 fault=$2 w pids=() lives=()
  IFS=',' read -r -a load_ports <<<"$3"
  IFS=',' read -r -a live_ports <<<"$4"
  rm -f "$WORK/stop-load" "$WORK/stop-live"
  say "Scenario $sc: live clients and $WORKERS reporters…"
  for w in 1 2; do
    live_client "$sc-$w" "${live_ports[@]}" &
    lives+=($!)
  done
  local deadline=$((SECONDS + 30))
  until grep -qs ready "$WORK/live.$sc-1" && grep -qs ready "$WORK/live.$sc-2"; do
    ((SECONDS < deadline)) || break
    sleep 0.2
  done
  for ((w = 1; w <= WORKERS; w++)); do
    reporter "$sc" "$w" "${load_ports[@]}" &
    pids+=($!)
  done
  sleep "$LEAD"
  FAULT_START=$(now_ms)
  "$fault"
  FAULT_END=$(now_ms)
  sleep "$TAIL"
  touch "$WORK/stop-load"
  for w in "${pids[@]}"; do wait "$w"; done
  check_scenario "$sc" "$FAULT_START" "$FAULT_END" "$sc-1" "$sc-2"
  touch "$WORK/stop-live"
  for w in "${lives[@]}"; do wait "$w" 2>/dev/null; done
}

fault_kill9() {
  say "kill -9 the service"
  kill -9 "${APP_PID[A]}"
  wait "${APP_PID[A]}" 2>/dev/null
  local t=$SECONDS
  start_app A "$PORT_A"
  wait_ready "$PORT_A" "$START_WAIT" || violation "kill9: the service did not come back"
  FIG_RESTART=$((SECONDS - t))
  say "restarted and ready in $FIG_RESTART s"
}
fault_db_stop() {
  say "database stopped for $DB_STOP s"
  pg_stop || violation "dbstop: pg_ctl stop failed"
  sleep "$DB_STOP"
  pg_start || violation "dbstop: pg_ctl start failed"
}
fault_db_freeze() {
  local postmaster children
  postmaster=$(head -n 1 "$WANGGE_TEST_PG_DATA/postmaster.pid")
  children=$(pgrep -P "$postmaster" | tr '\n' ' ')
  say "database frozen for $FREEZE s (SIGSTOP postmaster $postmaster and its backends)"
  # shellcheck disable=SC2086
  kill -STOP "$postmaster" $children
  sleep "$FREEZE"
  # shellcheck disable=SC2086
  kill -CONT $children "$postmaster"
}
fault_kill_b() {
  say "kill -9 instance B of two"
  kill -9 "${APP_PID[B]}"
  wait "${APP_PID[B]}" 2>/dev/null
  unset 'APP_PID[B]'
}
fault_hold_row() {
  say "a transaction holds a timeline row for $HOLD s"
  local held
  held=$(psqlc -c "SELECT max(id) + 1 FROM incident_event")
  psqlc >/dev/null <<SQL &
BEGIN;
INSERT INTO incident_event (incident_id, occurred_at, actor, actor_role, action, from_status, to_status, reason)
  SELECT id, now(), 'chaos', 'ADMIN', 'NOTE', status, status, 'held $HOLD s' FROM incident ORDER BY id DESC LIMIT 1;
SELECT pg_sleep($HOLD);
COMMIT;
SQL
  HOLDER=$!
  wait "$HOLDER"
  HOLDER=''
  FIG_HELD=$(psqlc -c "SELECT min(id) FROM incident_event WHERE actor = 'chaos' AND reason = 'held $HOLD s'")
  say "held entry $FIG_HELD committed (first id then free: $held)"
}
fault_sigterm() {
  say "SIGTERM with open live streams"
  local t
  t=$(now_ms)
  kill -TERM "${APP_PID[A]}"
  wait "${APP_PID[A]}" 2>/dev/null
  FIG_SHUTDOWN=$(awk -v a="$t" -v b="$(now_ms)" 'BEGIN { printf "%.1f", (b - a) / 1000 }')
  say "stopped in $FIG_SHUTDOWN s"
  awk -v t="$FIG_SHUTDOWN" -v b="$SHUTDOWN_BOUND" 'BEGIN { exit !(t > b) }' &&
    violation "sigterm: shutdown took $FIG_SHUTDOWN s with open live streams (bound $SHUTDOWN_BOUND s)"
  start_app A "$PORT_A"
  wait_ready "$PORT_A" "$START_WAIT" || violation "sigterm: the service did not come back"
}

# Instance B starts now (the demo city is in place), alongside the first scenario, and waits idle
# (it must be up before the database is stopped) for the two-instance scenario.
say "Starting instance B on 127.0.0.1:$PORT_B…"
start_app B "$PORT_B"
run kill9 fault_kill9 "$PORT_A" "$PORT_A"
wait_ready "$PORT_B" "$START_WAIT" || { tail -n 40 "$WORK/app-B.log" >&2; violation "instance B did not become ready"; }
run dbstop fault_db_stop "$PORT_A" "$PORT_A"
run freeze fault_db_freeze "$PORT_A" "$PORT_A"
run twoinstances fault_kill_b "$PORT_A,$PORT_B" "$PORT_A,$PORT_B"
run heldrow fault_hold_row "$PORT_A" "$PORT_A"
run sigterm fault_sigterm "$PORT_A" "$PORT_A"

# --- summary -----------------------------------------------------------------------------------------

echo
echo "Chaos ($MODE) on PostgreSQL fsync=$(psqlc -c 'SHOW fsync') synchronous_commit=$(psqlc -c 'SHOW synchronous_commit'), $(nproc) cores, $((SECONDS / 60)) min $((SECONDS % 60)) s"
printf '%-14s %6s %6s %5s %6s %6s %5s %7s %9s %s\n' scenario tries acked stored 503s refused other max_s recovery_s "live (received/expected)"
printf '%s\n' "${SUMMARY[@]}"
echo "kill -9 → ready again: ${FIG_RESTART:-?} s; SIGTERM with open streams → exit: ${FIG_SHUTDOWN:-?} s; held timeline id: ${FIG_HELD:-?}"
if [[ -s $WORK/violations ]]; then
  echo "VIOLATIONS ($(wc -l <"$WORK/violations")):"
  sort "$WORK/violations" | uniq -c | head -n 40
  exit 1
fi
echo "OK: nothing acknowledged was lost or duplicated, every outage answer was 503 with Retry-After within $BOUND s, live clients got every entry once"
