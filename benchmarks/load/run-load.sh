#!/usr/bin/env bash
# run-load.sh - load test of smtp.server next to a real Postfix, and the idle-connection memory figure.
#
# Everything runs on loopback, in one temporary directory, and is stopped on exit (also on
# failure or Ctrl-C):
#   - NSD, authoritative for load.test (SPF "v=spf1 ip4:127.0.0.0/8 -all", DMARC p=none), the
#     DNS our server asks for its SPF and DMARC checks;
#   - our server (java -p dist/modules -m smtp.server), inbound role (SPF, DKIM, DMARC checks),
#     spooling with fsync and delivering to Maildir;
#   - a throw-away Postfix (own config, queue and data directories, postfix -c DIR start),
#     delivering the same domain to Maildir with virtual(8);
#   - Postfix's smtp-source at 1, 20 and 100 sessions with 1 KB and 100 KB messages against each
#     server in turn, timed with the wall clock; each run is checked afterwards: smtp-source
#     exited 0 (it stops at the first refused command), the server logged every message as
#     queued, and every message arrived in the Maildir;
#   - a fresh instance of our server holding 10,000 idle connections (IdleClients.java): its
#     RSS (/proc/PID/status VmRSS) idle, with the connections, and after them, and a new client
#     served meanwhile.
#
# Usage: benchmarks/load/run-load.sh [--smoke] [--build] [--no-memory] [--no-load] [--idle N] [--keep]
#   --smoke      1 and 20 sessions, 100 messages of 1 KB, both servers, no memory test (for CI)
#   --build      run ./mvnw -q package -DskipTests first (done anyway when dist/modules is missing)
#   --no-memory  skip the idle-connection memory test
#   --no-load    skip the smtp-source runs (and Postfix): only the memory test
#   --idle N     idle connections for the memory test (default 10000)
#   --keep       keep the temporary directory (logs, Maildirs) and print its path
# Environment: JAVA_HOME (a JDK 21+; default /usr/lib/jvm/temurin-25-jdk-amd64 if present),
#   LOAD_COUNT_SMALL / LOAD_COUNT_LARGE (messages per run, default 2000 / 500; 0 skips that size),
#   LOAD_MODULE_PATH (the server's module path, default dist/modules: to compare two builds),
#   LOAD_WARMUP_SMALL / LOAD_WARMUP_LARGE (warm-up messages per server before the runs, default
#   300 / 50; the JIT compiler of our server is still busy after that, see benchmarks/README.md),
#   LOAD_JAVA_OPTS (extra JVM options for our server under load, split on blanks, e.g.
#   "-XX:StartFlightRecording=filename=/tmp/load.jfr,settings=profile" to profile it with JFR).
# Needs (Debian): postfix (smtp-source, postfix), nsd, python3.
set -euo pipefail

SMOKE=0
BUILD=0
MEMORY=1
LOAD=1
IDLE=10000
KEEP=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --smoke) SMOKE=1; MEMORY=0 ;;
        --build) BUILD=1 ;;
        --no-memory) MEMORY=0 ;;
        --no-load) LOAD=0 ;;
        --idle) IDLE="$2"; shift ;;
        --keep) KEEP=1 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "run-load.sh: unknown option $1 (see --help)" >&2; exit 64 ;;
    esac
    shift
done
if ! [[ "$IDLE" =~ ^[0-9]+$ ]] || (( IDLE < 100 || IDLE > 18000 )); then
    echo "run-load.sh: --idle wants 100..18000" >&2; exit 64
fi

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODULE_PATH="${LOAD_MODULE_PATH:-$REPO/dist/modules}"
LOAD_DIR="$REPO/benchmarks/load"
if (( SMOKE )); then
    SESSIONS=(1 20); SIZES=(1024); COUNT_SMALL=100; COUNT_LARGE=0
else
    SESSIONS=(1 20 100); SIZES=(1024 102400)
    COUNT_SMALL="${LOAD_COUNT_SMALL:-2000}"; COUNT_LARGE="${LOAD_COUNT_LARGE:-500}"
fi
WARMUP_SMALL="${LOAD_WARMUP_SMALL:-300}"; WARMUP_LARGE="${LOAD_WARMUP_LARGE:-50}"
if ! [[ "$WARMUP_SMALL$WARMUP_LARGE" =~ ^[0-9]+$ ]]; then
    echo "run-load.sh: LOAD_WARMUP_SMALL and LOAD_WARMUP_LARGE want counts" >&2; exit 64
fi
RUN_TIMEOUT=300        # seconds: one smtp-source run
DELIVERY_TIMEOUT=180   # seconds: all messages of one run in the Maildir after smtp-source ended
START_TIMEOUT=60       # seconds: a server to be ready

# --- tools -----------------------------------------------------------------------------------
if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JCMD="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
export JAVA_HOME PATH="${JAVA_HOME:+$JAVA_HOME/bin:}$PATH"
java_major="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [[ -z "$java_major" ]] || (( java_major < 21 )); then
    echo "run-load.sh: needs a JDK 21+ (set JAVA_HOME); found '${java_major:-none}'" >&2; exit 69
fi
find_tool() {
    local t
    for t in "$(command -v "$1" 2>/dev/null || true)" "/usr/sbin/$1" "/usr/lib/postfix/sbin/$1"; do
        [[ -n "$t" && -x "$t" ]] && { echo "$t"; return 0; }
    done
    echo "run-load.sh: $1 not found (Debian package: $2)" >&2
    return 1
}
SMTP_SOURCE="$(find_tool smtp-source postfix)"
POSTFIX="$(find_tool postfix postfix)"
NSD="$(find_tool nsd nsd)"
PYTHON="$(find_tool python3 python3)"
[[ $(id -u) -eq 0 ]] || { echo "run-load.sh: postfix start needs root" >&2; exit 77; }

if (( BUILD )) || ! compgen -G "$MODULE_PATH/smtp.server-*.jar" >/dev/null; then
    echo "== building dist/modules (./mvnw -q package -DskipTests)"
    (cd "$REPO" && ./mvnw -q package -DskipTests)
fi

# --- work directory and cleanup --------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/smtp-load.XXXXXX")"
chmod 755 "$WORK"   # Postfix's unprivileged daemons must reach their queue and the Maildirs
NSD_PID=""; OURS_PID=""; CLIENT_PID=""; SOURCE_PID=""; PF_MASTER=""; PF_ETC="$WORK/postfix/etc"

alive() { # running, not a zombie
    local state
    state="$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" || return 1
    [[ -n "$state" && "$state" != Z ]]
}
stop_pid() { # pid, seconds to wait after SIGTERM
    local pid="$1" wait="${2:-15}" i
    [[ -n "$pid" ]] && alive "$pid" || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < wait * 10; i++)); do
        alive "$pid" || return 0
        sleep 0.1
    done
    echo "run-load.sh: process $pid did not stop within $wait s of SIGTERM: SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
}
descendants() { # every process below pid
    local c
    for c in $(pgrep -P "$1" 2>/dev/null || true); do
        echo "$c"; descendants "$c"
    done
}
stop_postfix() {
    [[ -n "$PF_MASTER" ]] || return 0
    local kids
    kids="$(descendants "$PF_MASTER")"
    "$POSTFIX" -c "$PF_ETC" stop >>"$WORK/postfix/start.log" 2>&1 || true
    stop_pid "$PF_MASTER" 15
    for p in $kids; do stop_pid "$p" 2; done
    PF_MASTER=""
}
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_pid "$SOURCE_PID" 5
    stop_pid "$CLIENT_PID" 5
    stop_pid "$OURS_PID" 20
    stop_postfix
    stop_pid "$NSD_PID" 10
    if (( KEEP )) || (( rc != 0 )); then
        echo "run-load.sh: logs and Maildirs kept in $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
now_ns() { date +%s%N; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
wait_for() { # file, pattern, seconds, what
    local i
    for ((i = 0; i < $3 * 10; i++)); do
        grep -q -- "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "run-load.sh: $4 not ready within $3 s; log $1:" >&2
    tail -n 30 "$1" >&2 || true
    return 1
}

ulimit -n "$(ulimit -Hn)"
if (( MEMORY )) && (( $(ulimit -n) < IDLE + 1000 )); then
    echo "run-load.sh: ulimit -n is $(ulimit -n) (hard limit), the memory test needs $((IDLE + 1000))" >&2; exit 69
fi

echo "== smtp.server load test ($( ((SMOKE)) && echo smoke || echo full )), work dir $WORK"
echo "   $(nproc) cores, load average $(loadavg), $("$JAVA" -version 2>&1 | head -1), Postfix $(postconf -dh mail_version 2>/dev/null || echo '?')"
LOAD_START="$(loadavg)"

# --- DNS: NSD for load.test ------------------------------------------------------------------
NSD_PORT="$(free_port)"
mkdir -p "$WORK/nsd"
cat >"$WORK/nsd/load.test.zone" <<'EOF'
$ORIGIN load.test.
$TTL 3600
@       IN SOA ns.load.test. hostmaster.load.test. 1 3600 600 86400 60
@       IN NS  ns.load.test.
ns      IN A   127.0.0.1
@       IN A   127.0.0.1
@       IN TXT "v=spf1 ip4:127.0.0.0/8 -all"
_dmarc  IN TXT "v=DMARC1; p=none"
EOF
cat >"$WORK/nsd/nsd.conf" <<EOF
server:
    ip-address: 127.0.0.1@$NSD_PORT
    port: $NSD_PORT
    do-ip4: yes
    do-ip6: no
    username: ""
    chroot: ""
    zonesdir: "$WORK/nsd"
    database: ""
    pidfile: "$WORK/nsd/nsd.pid"
    xfrdfile: "$WORK/nsd/xfrd.state"
    xfrdir: "$WORK/nsd"
    zonelistfile: "$WORK/nsd/zone.list"
    logfile: "$WORK/nsd/nsd.log"
    server-count: 1
    verbosity: 1
    hide-version: yes
remote-control:
    control-enable: no
zone:
    name: "load.test"
    zonefile: "load.test.zone"
EOF
"$NSD" -d -c "$WORK/nsd/nsd.conf" >"$WORK/nsd/nsd.out" 2>&1 &
NSD_PID=$!
wait_for "$WORK/nsd/nsd.log" "zone load.test read with success" 30 "NSD"

# --- our server ------------------------------------------------------------------------------
OURS_PORT="$(free_port)"
OURS="$WORK/ours"
mkdir -p "$OURS"
cat >"$OURS/server.properties" <<EOF
server.hostname=mx.mail.test
listen.smtp=127.0.0.1:$OURS_PORT
listen.submission=
listen.smtps=
domains.local=mail.test
maildir.root=$OURS/mail
queue.dir=$OURS/queue
users.file=$OURS/users
tls.selfsigned.dir=$OURS/tls
dns.servers=127.0.0.1:$NSD_PORT
limits.connections=$((IDLE + 200))
limits.connections.per.ip=200
limits.greeting.delay=0s
EOF
SERVER_CMD=("$JAVA" -p "$MODULE_PATH" -m smtp.server --config "$OURS/server.properties")
echo "load-test-password" | "${SERVER_CMD[@]}" user add bench >"$OURS/user-add.log" 2>&1
read -r -a LOAD_JAVA_OPTS_ARR <<<"${LOAD_JAVA_OPTS:-}"
start_ours() { # log file
    "$JAVA" "${LOAD_JAVA_OPTS_ARR[@]}" "${SERVER_CMD[@]:1}" >"$1" 2>&1 &
    OURS_PID=$!
    wait_for "$1" "smtp.server ready" "$START_TIMEOUT" "our server"
}
OURS_LOG="$OURS/server.log"
OURS_MAILDIR="$OURS/mail/bench/new"

# --- Postfix ---------------------------------------------------------------------------------
start_postfix() {
    PF="$WORK/postfix"
    PF_PORT="$(free_port)"
    mkdir -p "$PF_ETC" "$PF/queue" "$PF/data" "$PF/mail"
    chown postfix "$PF/data" "$PF/mail"
    cat >"$PF_ETC/main.cf" <<EOF
# A throw-away instance for run-load.sh: loopback only, mail.test delivered by virtual(8) to Maildir.
compatibility_level = 3.6
queue_directory = $PF/queue
data_directory = $PF/data
command_directory = $(dirname "$POSTFIX")
daemon_directory = /usr/lib/postfix/sbin
meta_directory = /etc/postfix
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
myhostname = pf.mail.test
mydomain = mail.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relay_domains =
alias_maps =
alias_database =
biff = no
virtual_mailbox_domains = mail.test
virtual_mailbox_base = $PF/mail
virtual_mailbox_maps = texthash:$PF_ETC/vmailbox
virtual_uid_maps = static:$(id -u postfix)
virtual_gid_maps = static:$(id -g postfix)
maillog_file = $PF/maillog
maillog_file_prefixes = $PF
# 100 sessions from one address: room for 100 smtpd processes and no per-client cap.
default_process_limit = 200
smtpd_client_connection_count_limit = 200
EOF
    echo "bench@mail.test bench/" >"$PF_ETC/vmailbox"
    cat >"$PF_ETC/master.cf" <<EOF
127.0.0.1:$PF_PORT inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
    # postfix check creates the queue directories with their owners; start runs master(8).
    "$POSTFIX" -c "$PF_ETC" check >"$PF/start.log" 2>&1 || true
    "$POSTFIX" -c "$PF_ETC" start >>"$PF/start.log" 2>&1 || { cat "$PF/start.log" "$PF/maillog" >&2 2>/dev/null; exit 1; }
    wait_for "$PF/maillog" "daemon started" "$START_TIMEOUT" "Postfix"
    for _ in $(seq 1 100); do
        [[ -s "$PF/queue/pid/master.pid" ]] && break
        sleep 0.1
    done
    PF_MASTER="$(tr -d ' \n' <"$PF/queue/pid/master.pid")"
    PF_LOG="$PF/maillog"
    PF_MAILDIR="$PF/mail/bench/new"
    for _ in $(seq 1 100); do
        "$PYTHON" -c "import socket; socket.create_connection(('127.0.0.1', $PF_PORT), 1).close()" 2>/dev/null && break
        sleep 0.1
    done
}

# --- one run ---------------------------------------------------------------------------------
count_files() { if [[ -d "$1" ]]; then ls -f "$1" | grep -vc '^\.\{1,2\}$' || true; else echo 0; fi; }
count_lines() { grep -c -- "$2" "$1" 2>/dev/null || true; }

# CPU time (ms) of a process and its live descendants, with the children each has reaped: for
# Postfix the master's tree (its exited smtpd, cleanup, virtual ... processes are in its cutime).
cpu_ms() {
    local p ticks=0 t
    for p in "$1" $(descendants "$1"); do
        t="$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13 + $14 + $15}')" || t=0
        ticks=$(( ticks + ${t:-0} ))
    done
    echo $(( ticks * 1000 / CLK_TCK ))
}
CLK_TCK="$(getconf CLK_TCK)"

# CPU time (ms) of a JVM's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre" in
# /proc/PID/task/*/comm) that are alive now: a lower bound, as the JVM ends idle compiler threads.
jit_ms() {
    local f ticks=0 t
    for f in /proc/"$1"/task/*; do
        [[ "$(cat "$f/comm" 2>/dev/null)" == C[12]\ Compiler* ]] || continue
        t="$(sed 's/^.*) //' "$f/stat" 2>/dev/null | awk '{print $12 + $13}')" || t=0
        ticks=$(( ticks + ${t:-0} ))
    done
    echo $(( ticks * 1000 / CLK_TCK ))
}

# run NAME PORT LOG QUEUED_PATTERN MAILDIR PID SESSIONS SIZE COUNT -> sets ACCEPT_S, DELIVER_S, CPU_MS, JIT_MS
run() {
    local name="$1" port="$2" log="$3" pattern="$4" maildir="$5" pid="$6" sessions="$7" size="$8" count="$9"
    local queued0 queued1 t0 t1 t2 n c0 j0
    rm -rf "$maildir"/* 2>/dev/null || true
    queued0="$(count_lines "$log" "$pattern")"
    c0="$(cpu_ms "$pid")"
    j0="$(jit_ms "$pid")"
    t0="$(now_ns)"
    # In the background, so that a signal stops the script (the trap runs) without waiting for it.
    timeout "$RUN_TIMEOUT" "$SMTP_SOURCE" -s "$sessions" -l "$size" -m "$count" -M load.test \
        -f load@load.test -t bench@mail.test "127.0.0.1:$port" >"$WORK/smtp-source.out" 2>&1 &
    SOURCE_PID=$!
    if ! wait "$SOURCE_PID"; then
        echo "run-load.sh: $name: smtp-source -s $sessions -l $size -m $count failed:" >&2
        cat "$WORK/smtp-source.out" >&2
        exit 1
    fi
    t1="$(now_ns)"
    SOURCE_PID=""
    n=0
    while (( $(now_ns) - t1 < DELIVERY_TIMEOUT * 1000000000 )); do
        n="$(count_files "$maildir")"
        (( n >= count )) && break
        sleep 0.05
    done
    t2="$(now_ns)"
    queued1="$(count_lines "$log" "$pattern")"
    if (( queued1 - queued0 != count || n != count )); then
        echo "run-load.sh: $name: sent $count, logged as queued $((queued1 - queued0)), in the Maildir $n" >&2
        exit 1
    fi
    ACCEPT_S="$(( (t1 - t0) / 1000000 ))"
    DELIVER_S="$(( (t2 - t0) / 1000000 ))"
    CPU_MS="$(( $(cpu_ms "$pid") - c0 ))"
    JIT_MS="$(( $(jit_ms "$pid") - j0 ))"
}
rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", n * 1000 / (ms > 0 ? ms : 1) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

OURS_QUEUED=': from=<load@load.test>, size='          # smtp.queue: "<id>: from=<...>, size=..., nrcpt=1 (queued)"
PF_QUEUED='postfix/qmgr.*from=<load@load.test>.*queue active'

load_runs() {
    if (( ! SMOKE )); then
        echo "== warm-up (not counted): $WARMUP_SMALL x 1 KB and $WARMUP_LARGE x 100 KB at 20 sessions, each server"
        for s in "1024:$WARMUP_SMALL" "102400:$WARMUP_LARGE"; do
            (( ${s##*:} > 0 )) || continue
            run ours "$OURS_PORT" "$OURS_LOG" "$OURS_QUEUED" "$OURS_MAILDIR" "$OURS_PID" 20 "${s%%:*}" "${s##*:}"
            run postfix "$PF_PORT" "$PF_LOG" "$PF_QUEUED" "$PF_MAILDIR" "$PF_MASTER" 20 "${s%%:*}" "${s##*:}"
        done
    fi

    {
        echo "| Sessions | Size | Messages | ours accepted msg/s | Postfix accepted msg/s | ours / Postfix | ours delivered msg/s | Postfix delivered msg/s | ours / Postfix | ours CPU ms/msg | Postfix CPU ms/msg | load avg |"
        echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    } >"$TABLE"
    echo "== runs: smtp-source -s SESSIONS -l SIZE -m COUNT -M load.test -f load@load.test -t bench@mail.test 127.0.0.1:PORT"
    for size in "${SIZES[@]}"; do
        count=$(( size > 10000 ? COUNT_LARGE : COUNT_SMALL ))
        (( count > 0 )) || continue
        for sessions in "${SESSIONS[@]}"; do
            run ours "$OURS_PORT" "$OURS_LOG" "$OURS_QUEUED" "$OURS_MAILDIR" "$OURS_PID" "$sessions" "$size" "$count"
            oa="$ACCEPT_S"; od="$DELIVER_S"; oc="$CPU_MS"; oj="$JIT_MS"
            run postfix "$PF_PORT" "$PF_LOG" "$PF_QUEUED" "$PF_MAILDIR" "$PF_MASTER" "$sessions" "$size" "$count"
            pa="$ACCEPT_S"; pd="$DELIVER_S"; pc="$CPU_MS"
            ocpu="$(awk -v c="$oc" -v n="$count" 'BEGIN { printf "%.1f", c / n }')"
            ojit="$(awk -v c="$oj" -v n="$count" 'BEGIN { printf "%.1f", c / n }')"
            pcpu="$(awk -v c="$pc" -v n="$count" 'BEGIN { printf "%.1f", c / n }')"
            ora="$(rate "$count" "$oa")"; pra="$(rate "$count" "$pa")"
            ord="$(rate "$count" "$od")"; prd="$(rate "$count" "$pd")"
            label="$(( size / 1024 )) KB"
            printf '   %3d sessions %6s x %4d: ours %4s msg/s (%4s delivered, CPU %s ms/msg, of it JIT %s)  Postfix %4s msg/s (%4s delivered, CPU %s ms/msg)  ratio %s  [load %s]\n' \
                "$sessions" "$label" "$count" "$ora" "$ord" "$ocpu" "$ojit" "$pra" "$prd" "$pcpu" "$(ratio "$ora" "$pra")" "$(loadavg | cut -d' ' -f1)"
            echo "| $sessions | $label | $count | $ora | $pra | $(ratio "$ora" "$pra")× | $ord | $prd | $(ratio "$ord" "$prd")× | $ocpu | $pcpu | $(loadavg | cut -d' ' -f1) |" >>"$TABLE"
        done
    done
    echo "   every message: accepted (smtp-source exit 0), logged as queued, delivered to the Maildir"
    echo
    cat "$TABLE"
    echo

    stop_postfix
    stop_pid "$OURS_PID" 20
    OURS_PID=""
}

TABLE="$WORK/table.md"
: >"$TABLE"
if (( LOAD )); then
    start_ours "$OURS/server.log"
    start_postfix
    load_runs
fi

# --- memory: idle connections ----------------------------------------------------------------
heap_used_kb() { # live heap after a full GC (jcmd GC.run, then GC.heap_info)
    "$JCMD" "$1" GC.run >/dev/null 2>&1 || true
    "$JCMD" "$1" GC.heap_info 2>/dev/null | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1
}
probe() { # one message through a new connection; prints the milliseconds it took
    local t0
    t0="$(now_ns)"
    if ! timeout 60 "$SMTP_SOURCE" -s 1 -m 1 -l 1024 -M load.test -f load@load.test -t bench@mail.test \
            "127.0.0.1:$OURS_PORT" >"$WORK/probe.out" 2>&1; then
        echo "run-load.sh: a new client was not served $1:" >&2
        cat "$WORK/probe.out" >&2
        exit 1
    fi
    echo $(( ($(now_ns) - t0) / 1000000 ))
}
if (( MEMORY )); then
    SOURCES=$(( (IDLE + 99) / 100 ))
    echo "== memory: a fresh server, then $IDLE idle connections (after 220 and EHLO) from $SOURCES loopback addresses"
    start_ours "$OURS/memory.log"
    sleep 5
    rss_idle="$(rss_kb "$OURS_PID")"
    heap_idle="$(heap_used_kb "$OURS_PID")"
    probe "on the idle server" >/dev/null   # first message: class loading, DNS cache
    probe_idle_ms="$(probe "on the idle server")"
    echo "   idle:                    VmRSS $((rss_idle / 1024)) MB; live heap after a full GC $((heap_idle / 1024)) MB"
    mkfifo "$WORK/client.in"
    "$JAVA" "$LOAD_DIR/IdleClients.java" 127.0.0.1 "$OURS_PORT" "$IDLE" "$SOURCES" 240 \
        <"$WORK/client.in" >"$WORK/client.out" 2>&1 &
    CLIENT_PID=$!
    exec 9>"$WORK/client.in"   # the client holds its connections until this is closed
    for _ in $(seq 1 1200); do
        grep -q '^held\|^failed' "$WORK/client.out" 2>/dev/null && break
        alive "$CLIENT_PID" || break
        sleep 0.1
    done
    if ! grep -q '^held' "$WORK/client.out"; then
        echo "run-load.sh: the idle client could not open its connections:" >&2
        cat "$WORK/client.out" >&2
        exit 1
    fi
    echo "   client: $(cat "$WORK/client.out")"
    sleep 5
    rss_held="$(rss_kb "$OURS_PID")"
    fds="$(ls "/proc/$OURS_PID/fd" | wc -l)"
    heap_held="$(heap_used_kb "$OURS_PID")"
    rss_gc="$(rss_kb "$OURS_PID")"
    per_rss=$(( (rss_held - rss_idle) * 1024 / IDLE ))
    per_heap=$(( (heap_held - heap_idle) * 1024 / IDLE ))
    echo "   with $IDLE connections: VmRSS $((rss_held / 1024)) MB ($fds open files): $per_rss bytes per connection"
    echo "                            live heap after a full GC $((heap_held / 1024)) MB: $per_heap bytes per connection (VmRSS then $((rss_gc / 1024)) MB)"
    probe_ms="$(probe "while $IDLE connections were open")"
    echo "   a new client meanwhile:  connected, message accepted, QUIT in $probe_ms ms (smtp-source -m 1; idle server: $probe_idle_ms ms)"
    exec 9>&-
    wait "$CLIENT_PID" || true
    CLIENT_PID=""
    sleep 5
    rss_after="$(rss_kb "$OURS_PID")"
    echo "   after the client closed: VmRSS $((rss_after / 1024)) MB ($(ls "/proc/$OURS_PID/fd" | wc -l) open files)"
    {
        echo
        echo "| Idle connections | VmRSS idle | VmRSS with them | VmRSS per connection | live heap per connection (after full GC) | VmRSS after they closed | new client meanwhile |"
        echo "|---:|---:|---:|---:|---:|---:|---|"
        echo "| $IDLE | $((rss_idle / 1024)) MB | $((rss_held / 1024)) MB | $((per_rss / 1024)) KB | $((per_heap / 1024)) KB | $((rss_after / 1024)) MB | served in $probe_ms ms (idle server: $probe_idle_ms ms) |"
    } >>"$TABLE"
    tail -n 3 "$TABLE"
fi
echo "== load average: $LOAD_START at the start, $(loadavg) at the end"
