"""Gunicorn settings for the SNIMH application servers (docs/deployment.md).

    gunicorn --config deploy/gunicorn.conf.py snimh.wsgi:application

Every value can be overridden from the environment (the systemd unit reads
/etc/snimh/snimh.env), so one file serves a 2-core VM and a larger node alike.
"""

import multiprocessing
import os


def _entero(nombre, defecto):
    valor = os.environ.get(nombre, "").strip()
    return int(valor) if valor else defecto


# nginx runs on the same host in the reference layout; with a separate load
# balancer in front, bind to the private interface (GUNICORN_BIND=10.0.0.11:8000)
# and firewall the port to the balancer's addresses.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")

# Sync workers: Django and psycopg2 are blocking, and nginx buffers both the
# request body and the response, so a worker never waits on a slow client; it
# waits only on PostgreSQL (and on CPU for the PDF report). Two workers per core
# keep the cores busy while half of them wait on the database; the extra one
# covers a worker tied up by a long annual report (up to ~12 s on a 500-agreement
# year). Each worker costs ~100 MB at rest and up to ~275 MB while rendering a
# large PDF, so on small-memory nodes lower GUNICORN_WORKERS rather than add
# threads.
workers = _entero("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"

# The slowest legitimate request is the annual PDF of a large year; anything past
# this is stuck and the worker is killed and replaced. nginx's proxy_read_timeout
# is set a little longer so it reports gunicorn's 502 instead of its own 504.
timeout = _entero("GUNICORN_TIMEOUT", 120)
# systemd's TimeoutStopSec is above this, so in-flight requests finish on restart.
graceful_timeout = 30
# Ignored by sync workers (nginx talks to them one request per connection); kept
# explicit so that switching worker_class does not silently change behaviour.
keepalive = 5

# Recycle workers now and then: WeasyPrint and fontconfig caches only grow.
# The jitter keeps all workers from restarting in the same second.
max_requests = _entero("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _entero("GUNICORN_MAX_REQUESTS_JITTER", 100)

# The code is loaded in each worker, not in the master, so `systemctl reload`
# (SIGHUP) picks up a new release without dropping connections.
preload_app = False

# Only the proxies may say a request arrived over HTTPS (X-Forwarded-Proto);
# list nginx's or the balancer's addresses here when they are not local.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# The heartbeat file is touched by every worker constantly: keep it off the disk.
worker_tmp_dir = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None

# Gunicorn's control socket defaults to ~/.gunicorn, which the hardened unit makes
# read-only; systemd's RuntimeDirectory= gives a writable, private place.
if os.environ.get("RUNTIME_DIRECTORY"):
    control_socket = os.path.join(os.environ["RUNTIME_DIRECTORY"].split(":")[0], "gunicorn.ctl")

# Logs go to stdout/stderr, i.e. the journal. The access line carries the
# X-Forwarded-For chain (REMOTE_ADDR is only nginx; the client is the entry nginx
# appended), the request time in milliseconds (%(M)s) and the request id nginx
# generates, so a slow line can be matched with nginx's own log.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '%({x-forwarded-for}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(B)s %(M)sms '
    '"%(f)s" "%(a)s" req=%({x-request-id}i)s pid=%(p)s'
)
proc_name = "snimh"
