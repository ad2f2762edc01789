# shellcheck shell=bash
# The integration stack, sourced by .ci/run (or by hand: `source .ci/stack.sh && stack_up`, then `mvn verify`,
# then `stack_down`): a Spark standalone master and worker, an Airflow 3 standalone and a PostgreSQL (the
# Iceberg JDBC catalog's database), all on 127.0.0.1 on free ports, with a throw-away AIRFLOW_HOME and SQLite
# and a throw-away PostgreSQL cluster. stack_up exports the MESHLAKE_IT_* variables the integration tests read;
# their presence also turns on Maven's `cluster` profile.
#
# Pinned here: Airflow, its Spark provider, and the Spark distribution (pyspark from PyPI is one). Airflow's
# own constraints files are not reachable from CI, so .ci/airflow-constraints.txt is ours: a `pip freeze` of
# the set verified together (Python 3.11). Installs are cached under ~/.cache/meshlake and reused while the
# pins and the constraints file are unchanged.

AIRFLOW_VERSION=3.1.8
AIRFLOW_SPARK_PROVIDER_VERSION=6.3.4
SPARK_VERSION=3.5.7

stack_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stack_cache="${MESHLAKE_CACHE:-$HOME/.cache/meshlake}"
airflow_venv="$stack_cache/airflow-venv"
spark_dist="$stack_cache/spark-$SPARK_VERSION"
stack_pids=()

stack_log() { echo "stack: $*" >&2; }

# Installs (or reuses) Airflow's virtualenv and the Spark distribution.
stack_install() {
  mkdir -p "$stack_cache"
  local pins
  pins="airflow=$AIRFLOW_VERSION provider=$AIRFLOW_SPARK_PROVIDER_VERSION python=$(python3 -V 2>&1) constraints=$(sha256sum "$stack_root/.ci/airflow-constraints.txt" | cut -c1-16)"
  if [ "$(cat "$airflow_venv/.meshlake-pins" 2>/dev/null)" != "$pins" ]; then
    stack_log "installing Airflow $AIRFLOW_VERSION into $airflow_venv"
    rm -rf "$airflow_venv"
    python3 -m venv "$airflow_venv"
    "$airflow_venv/bin/pip" install -q --disable-pip-version-check -c "$stack_root/.ci/airflow-constraints.txt" \
      "apache-airflow==$AIRFLOW_VERSION" "apache-airflow-providers-apache-spark==$AIRFLOW_SPARK_PROVIDER_VERSION"
    echo "$pins" > "$airflow_venv/.meshlake-pins"
  fi
  # Spark apart from Airflow: the Spark provider pulls pyspark-client 4.x, which would overwrite pyspark's files.
  if [ ! -f "$spark_dist/pyspark/RELEASE" ]; then
    stack_log "installing Spark $SPARK_VERSION (pyspark) into $spark_dist"
    rm -rf "$spark_dist"
    python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore --no-deps --target "$spark_dist" "pyspark==$SPARK_VERSION"
    # A Spark worker wants a distribution's RELEASE file next to jars/ (else "Cannot find any build directories").
    echo "Spark $SPARK_VERSION built for Hadoop 3.3.4 (pyspark $SPARK_VERSION from PyPI)" > "$spark_dist/pyspark/RELEASE"
  fi
  export SPARK_HOME="$spark_dist/pyspark"
  export SPARK_SCALA_VERSION=2.12
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits up to $2 seconds until the command $1 succeeds; shows the log $3 and fails if it does not.
stack_await() {
  local deadline=$((SECONDS + $2))
  until eval "$1" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      stack_log "gave up waiting for: $1 (last lines of $3, secrets removed):"
      grep -v -F "${MESHLAKE_IT_AIRFLOW_PASSWORD:-unset-password}" "$3" | tail -n 40 >&2
      return 1
    fi
    sleep 2
  done
}

# Starts its argument in its own session (process group), logging to the file $1; remembers the group.
stack_spawn() {
  local log="$1"; shift
  setsid "$@" >"$log" 2>&1 < /dev/null &
  stack_pids+=("$!")
}

# Runs a PostgreSQL program: as the postgres system user when we are root (initdb and postgres refuse root).
stack_pg_run() {
  if [ "$(id -u)" = 0 ]; then
    (cd "$stack_pg_dir" && runuser -u postgres -- "$@")
  else
    (cd "$stack_pg_dir" && "$@")
  fi
}

# Starts a throw-away PostgreSQL cluster in $stack_work/postgres on 127.0.0.1 (Debian's package, the newest
# /usr/lib/postgresql/<major>), with a database and role `meshlake` whose random password only the exported
# MESHLAKE_ICEBERG_JDBC_PASSWORD holds. Exports MESHLAKE_IT_PG_URL and MESHLAKE_IT_PG_USER.
stack_postgres_up() {
  local pg_bin port password
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    stack_log "no PostgreSQL in /usr/lib/postgresql/<major>/bin: install Debian's package (apt-get install postgresql)"
    return 1
  fi
  stack_pg_bin="$pg_bin"
  stack_pg_dir="$stack_work/postgres"
  mkdir -m 700 "$stack_pg_dir"
  if [ "$(id -u)" = 0 ]; then
    chmod 711 "$stack_work"   # the postgres user passes through to its own folder; every secret here is mode 600
    chown postgres: "$stack_pg_dir"
  fi
  port="$(free_port)"
  stack_log "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (log: $stack_pg_dir/postgres.log)"
  stack_pg_run "$pg_bin/initdb" -D "$stack_pg_dir/data" --auth-local=peer --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C --no-sync >"$stack_work/initdb.log" 2>&1 \
    || { tail -n 20 "$stack_work/initdb.log" >&2; return 1; }
  # TCP on 127.0.0.1 for the tests; the Unix socket in its own folder, for the setup below (peer authentication).
  stack_pg_run "$pg_bin/pg_ctl" -D "$stack_pg_dir/data" -l "$stack_pg_dir/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $stack_pg_dir" start >/dev/null \
    || { tail -n 20 "$stack_pg_dir/postgres.log" >&2; return 1; }
  password="$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')"
  # The password goes through standard input, never a command line (ps would show it).
  stack_pg_run "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$stack_pg_dir" -p "$port" -d postgres >/dev/null <<SQL
CREATE ROLE meshlake LOGIN PASSWORD '$password';
CREATE DATABASE meshlake OWNER meshlake;
SQL
  export MESHLAKE_IT_PG_URL="jdbc:postgresql://127.0.0.1:$port/meshlake"
  export MESHLAKE_IT_PG_USER=meshlake
  export MESHLAKE_ICEBERG_JDBC_PASSWORD="$password"
}

# Stops the PostgreSQL of stack_postgres_up (a fast shutdown: open sessions are ended) and removes its folder.
stack_postgres_down() {
  if [ -n "${stack_pg_dir:-}" ] && [ -f "$stack_pg_dir/data/postmaster.pid" ]; then
    stack_pg_run "$stack_pg_bin/pg_ctl" -D "$stack_pg_dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || kill -KILL "$(head -n 1 "$stack_pg_dir/data/postmaster.pid")" 2>/dev/null || true
  fi
  if [ -n "${stack_pg_dir:-}" ]; then
    rm -rf "$stack_pg_dir"
  fi
  stack_pg_dir=""
  unset MESHLAKE_IT_PG_URL MESHLAKE_IT_PG_USER MESHLAKE_ICEBERG_JDBC_PASSWORD
}

# Starts the stack and exports what the tests need. The worker offers 4 cores (of 2) so that the
# integration tests' applications, 2 cores each (.ci/conf/ci.yaml, spark.cores.max), run side by side.
stack_up() {
  stack_install
  stack_work="$(mktemp -d "${TMPDIR:-/tmp}/meshlake-stack.XXXXXX")"
  stack_postgres_up || return 1
  local master_port master_ui worker_ui airflow_port password
  master_port="$(free_port)"; master_ui="$(free_port)"; worker_ui="$(free_port)"; airflow_port="$(free_port)"

  stack_log "Spark standalone master spark://127.0.0.1:$master_port and a worker (logs in $stack_work)"
  stack_spawn "$stack_work/spark-master.log" "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$master_port" --webui-port "$master_ui"
  stack_spawn "$stack_work/spark-worker.log" "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 4 --memory 6g --webui-port "$worker_ui" --work-dir "$stack_work/spark-work" \
    "spark://127.0.0.1:$master_port"

  password="$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')"
  export MESHLAKE_IT_AIRFLOW_USERNAME=meshlake MESHLAKE_IT_AIRFLOW_PASSWORD="$password"
  mkdir -p "$stack_work/airflow-home" "$stack_work/dags"
  # The simple auth manager reads users from config and passwords from this file (it generates none for them).
  (umask 077; printf '{"meshlake": "%s"}\n' "$password" > "$stack_work/airflow-home/passwords.json")

  # The stack's pseudonym key for the governance of gold publications: random per stack, outside the
  # repository, mode 600, never printed; the Airflow tasks' and the tests' spark-submits inherit the variable.
  (umask 077; python3 -c 'import base64, secrets; print("ci:" + base64.b64encode(secrets.token_bytes(32)).decode())' \
    > "$stack_work/pseudonym.keys")
  export MESHLAKE_PSEUDONYM_KEY_FILE="$stack_work/pseudonym.keys"

  stack_log "Airflow $AIRFLOW_VERSION standalone on http://127.0.0.1:$airflow_port (log: $stack_work/airflow.log)"
  stack_spawn "$stack_work/airflow.log" env \
    PATH="$SPARK_HOME/bin:$airflow_venv/bin:$PATH" \
    AIRFLOW_HOME="$stack_work/airflow-home" \
    AIRFLOW__CORE__DAGS_FOLDER="$stack_work/dags" \
    AIRFLOW__CORE__LOAD_EXAMPLES=False \
    AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS=meshlake:admin \
    AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE="$stack_work/airflow-home/passwords.json" \
    AIRFLOW__CORE__EXECUTION_API_SERVER_URL="http://127.0.0.1:$airflow_port/execution/" \
    AIRFLOW__CORE__PARALLELISM=4 \
    AIRFLOW__API__HOST=127.0.0.1 \
    AIRFLOW__API__PORT="$airflow_port" \
    AIRFLOW__API__WORKERS=1 \
    AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL=5 \
    AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL=5 \
    AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC=2 \
    AIRFLOW_CONN_MESHLAKE_SPARK="spark://127.0.0.1:$master_port" \
    AIRFLOW_VAR_MESHLAKE_JOB_JAR="$stack_work/meshlake-job.jar" \
    AIRFLOW_VAR_MESHLAKE_WAREHOUSE="$stack_work/airflow-warehouse" \
    AIRFLOW_VAR_MESHLAKE_INPUT="$stack_work/extract" \
    AIRFLOW_VAR_MESHLAKE_ENV=ci \
    MESHLAKE_CONF="$stack_root/.ci/conf" \
    "$airflow_venv/bin/airflow" standalone

  export MESHLAKE_IT_WORK="$stack_work"
  export MESHLAKE_IT_CONF="$stack_root/.ci/conf"
  export MESHLAKE_IT_SPARK_HOME="$SPARK_HOME"
  export MESHLAKE_IT_SPARK_MASTER="spark://127.0.0.1:$master_port"
  export MESHLAKE_IT_AIRFLOW_DAGS="$stack_work/dags"
  export MESHLAKE_IT_AIRFLOW_URL="http://127.0.0.1:$airflow_port"

  stack_await "curl -sf http://127.0.0.1:$master_ui/json/ | grep -q '\"aliveworkers\" : 1'" 120 "$stack_work/spark-worker.log"
  stack_await "curl -sf $MESHLAKE_IT_AIRFLOW_URL/api/v2/monitor/health | grep -q healthy" 300 "$stack_work/airflow.log"
  stack_log "up: Spark $MESHLAKE_IT_SPARK_MASTER, Airflow $MESHLAKE_IT_AIRFLOW_URL, PostgreSQL $MESHLAKE_IT_PG_URL"
}

# Stops what stack_up started (PostgreSQL, each process group it spawned) and removes its folder.
stack_down() {
  stack_postgres_down
  local pid
  for pid in "${stack_pids[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  sleep 3
  for pid in "${stack_pids[@]}"; do
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  stack_pids=()
  if [ -n "${stack_work:-}" ] && [ -d "$stack_work" ]; then
    rm -rf "$stack_work"
  fi
}
