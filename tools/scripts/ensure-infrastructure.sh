#!/usr/bin/env bash
# The machine starts NATS (JetStream) and PostgreSQL before each session and CI run. If one has stopped, start it
# the way the machine does; if it still cannot be reached, say so (the distributed suite then fails loudly).
set -u
reachable() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if ! reachable 4222 && [ -x /usr/sbin/nats-server ]; then
  echo "NATS not reachable on 4222: starting nats-server with JetStream"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
    -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log || true
fi
if ! reachable 5432 && command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "PostgreSQL not reachable on 5432: starting the cluster"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
fi
for _ in $(seq 1 20); do
  if reachable 4222 && reachable 5432; then
    echo "NATS 127.0.0.1:4222 and PostgreSQL 127.0.0.1:5432 are up"
    exit 0
  fi
  sleep 0.5
done
reachable 4222 || echo "WARNING: NATS is NOT reachable on 127.0.0.1:4222"
reachable 5432 || echo "WARNING: PostgreSQL is NOT reachable on 127.0.0.1:5432"
exit 0
