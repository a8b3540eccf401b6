"""A small Kubernetes API client (Python standard library only), shared by the deploy-time programs.

It talks to the API server with the pod's service account token and CA. Tests point it elsewhere with
`KUBERNETES_API_URL` and `SERVICEACCOUNT_DIR`.

Transient failures are retried with exponential backoff (full jitter), at most `RETRY_ATTEMPTS` attempts
(default 8) and `RETRY_MAX_SECONDS` (default 30) between two attempts:

- HTTP 5xx and 429 (a `Retry-After` header is honoured, within the same bound);
- dropped or refused connections and timeouts;
- HTTP 403 during the first `RBAC_GRACE_SECONDS` (default 60) of the run: the Role and RoleBinding are applied
  together with the Job, and the authorizer may not have seen them yet. After that a 403 is final.

Everything else (404, 409, 422, a 403 after the grace period) is returned to the caller at once.

`Watch` follows one object through the API's watch, so that a program waiting for it wakes when it changes instead
of at its next poll (the poll stays the fallback when the watch is refused or cut).
"""
import http.client
import json
import os
import random
import socket
import ssl
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

TRANSIENT_ERRORS = (urllib.error.URLError, ConnectionError, http.client.HTTPException, socket.timeout, TimeoutError)


def log(program, msg):
    print("%s: %s" % (program, msg), flush=True)


def env_float(env, name, default):
    try:
        return float(env.get(name, default))
    except ValueError:
        return default


def parse(raw):
    """A JSON object body, or a Status-like dict with the text of a non-JSON body as its message."""
    try:
        out = json.loads(raw or b"{}")
    except ValueError:
        out = None
    if isinstance(out, dict):
        return out
    text = raw.decode(errors="replace").strip() if isinstance(raw, bytes) else str(raw)
    return {"message": text[:200]}


class ApiError(RuntimeError):
    """An API answer the caller did not expect, with the API server's status and message."""

    def __init__(self, what, status, body):
        self.status = status
        self.body = body or {}
        super().__init__("%s: HTTP %s %s" % (what, status, self.body.get("message", "")))


class Kube:
    """One API client; `program` names the program in the log."""

    def __init__(self, program, env=None, sleep=time.sleep, clock=time.monotonic):
        self.program = program
        self.env = os.environ if env is None else env
        self.sleep = sleep
        self.clock = clock
        self.started = clock()
        self.sa_dir = self.env.get("SERVICEACCOUNT_DIR", "/var/run/secrets/kubernetes.io/serviceaccount")
        self.api = self.env.get("KUBERNETES_API_URL") or "https://%s:%s" % (
            self.env.get("KUBERNETES_SERVICE_HOST", "kubernetes.default.svc"), self.env.get("KUBERNETES_SERVICE_PORT", "443"))
        self.attempts = max(1, int(env_float(self.env, "RETRY_ATTEMPTS", 8)))
        self.base = env_float(self.env, "RETRY_BASE_SECONDS", 0.5)
        self.cap = env_float(self.env, "RETRY_MAX_SECONDS", 30)
        self.rbac_grace = env_float(self.env, "RBAC_GRACE_SECONDS", 60)
        self.requests = 0

    def log(self, msg):
        log(self.program, msg)

    def context(self):
        ca = os.path.join(self.sa_dir, "ca.crt")
        return ssl.create_default_context(cafile=ca) if self.api.startswith("https") and os.path.exists(ca) else None

    def once(self, method, path, body=None, content_type=None):
        """One request; returns (status, parsed body, headers). Raises the transport's errors."""
        with open(os.path.join(self.sa_dir, "token")) as f:
            token = f.read().strip()
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.api + path, data=data, method=method)
        req.add_header("Authorization", "Bearer " + token)
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", content_type or "application/json")
        self.requests += 1
        try:
            with urllib.request.urlopen(req, context=self.context(), timeout=30) as res:
                return res.status, parse(res.read()), res.headers
        except urllib.error.HTTPError as e:
            return e.code, parse(e.read()), e.headers

    def delay(self, attempt, headers=None):
        """Seconds to wait before retry number `attempt` (1-based)."""
        retry_after = None
        if headers is not None and headers.get("Retry-After"):
            try:
                retry_after = float(headers.get("Retry-After"))
            except ValueError:
                retry_after = None
        if retry_after is not None:
            return min(self.cap, max(0.0, retry_after))
        return random.uniform(0, min(self.cap, self.base * (2 ** (attempt - 1))))

    def transient(self, status):
        if status == 429 or 500 <= status <= 599:
            return True
        return status == 403 and self.clock() - self.started < self.rbac_grace

    def call(self, method, path, body=None, content_type=None):
        """A request with retries of what is transient; returns (status, parsed body)."""
        last = None
        for attempt in range(1, self.attempts + 1):
            headers = None
            try:
                status, out, headers = self.once(method, path, body, content_type)
                if not self.transient(status):
                    return status, out
                last = "HTTP %s %s" % (status, out.get("message", ""))
                if attempt == self.attempts:
                    return status, out
            except TRANSIENT_ERRORS as e:
                last = "%s" % (e.reason if isinstance(e, urllib.error.URLError) else e or type(e).__name__)
                if attempt == self.attempts:
                    raise RuntimeError("%s %s: no answer after %d attempts: %s" % (method, path, attempt, last))
            wait = self.delay(attempt, headers)
            self.log("retrying %s %s in %.1fs (attempt %d of %d): %s" % (method, path, wait, attempt + 1, self.attempts, last))
            self.sleep(wait)
        raise RuntimeError("unreachable")

    def get(self, path, what):
        """The object at `path`, or None when it does not exist (404)."""
        status, out = self.call("GET", path)
        if status == 404:
            return None
        if status != 200:
            raise ApiError("reading " + what, status, out)
        return out


class Watch(threading.Thread):
    """Follows one object through the API's watch (`GET <collection>?watch=1&fieldSelector=metadata.name=<name>`, which
    RBAC authorizes as `watch` of that name) and calls `on_change(obj)` on every event of it (`ADDED` for the
    object as it is when the watch starts, `MODIFIED`, `DELETED`; bookmarks only move the resource version).

    It reconnects when the server ends the watch (`timeoutSeconds`) from the last resource version seen (from the
    start after `410 Gone`). A watch the server refuses or cuts (a 403 without the verb, 404, a proxy that drops
    long requests) is tried again after `retry_seconds`: the caller's poll is the fallback, so a watch only ever
    makes a wait shorter. A daemon thread: it ends with the program."""

    def __init__(self, kube, collection, name, on_change, retry_seconds=10, server_timeout=300):
        super().__init__(daemon=True)
        self.kube, self.collection, self.name, self.on_change = kube, collection, name, on_change
        self.retry_seconds, self.server_timeout = retry_seconds, server_timeout
        self.established = threading.Event()
        self.failures = 0

    def url(self, resource_version):
        q = {"watch": "1", "fieldSelector": "metadata.name=" + self.name, "timeoutSeconds": str(int(self.server_timeout)),
             "allowWatchBookmarks": "true"}
        if resource_version:
            q["resourceVersion"] = resource_version
        return self.collection + "?" + urllib.parse.urlencode(q)

    def run(self):
        rv = None
        while True:
            started = time.monotonic()
            try:
                status, rv = self.follow(rv)
            except Exception as e:  # noqa: BLE001 -- a cut stream is retried; the poll goes on meanwhile
                status = "%s" % (e.reason if isinstance(e, urllib.error.URLError) else e or type(e).__name__)
            if status == 200 and time.monotonic() - started >= 1:
                continue
            if status == 200:
                # Ended at once (a proxy that does not stream): not a watch to reconnect to in a loop.
                time.sleep(self.retry_seconds)
                continue
            if status == 410:
                rv = None
                continue
            self.failures += 1
            if self.failures == 1:
                self.kube.log("cannot watch %s %s (%s); polling it" % (self.collection.rsplit("/", 1)[-1], self.name, status))
            time.sleep(self.retry_seconds)

    def follow(self, rv):
        """One watch request; returns (status, last resource version)."""
        with open(os.path.join(self.kube.sa_dir, "token")) as f:
            token = f.read().strip()
        req = urllib.request.Request(self.kube.api + self.url(rv), method="GET")
        req.add_header("Authorization", "Bearer " + token)
        req.add_header("Accept", "application/json")
        try:
            res = urllib.request.urlopen(req, context=self.kube.context(), timeout=self.server_timeout + 30)
        except urllib.error.HTTPError as e:
            return e.code, rv
        with res:
            self.established.set()
            for line in res:
                if not line.strip():
                    continue
                event = json.loads(line)
                obj = event.get("object") or {}
                if event.get("type") == "ERROR":
                    return obj.get("code") or 500, rv
                rv = (obj.get("metadata") or {}).get("resourceVersion") or rv
                if event.get("type") != "BOOKMARK":
                    self.on_change(obj)
        return 200, rv


def collection_path(ns, ref):
    """Path of the collection of a namespaced object named by a reference {apiGroup, apiVersion, resource}."""
    group, version = ref["apiGroup"], ref["apiVersion"]
    base = "/api/%s" % version if not group else "/apis/%s/%s" % (group, version)
    return "%s/namespaces/%s/%s" % (base, ns, ref["resource"])


def secret_path(ns, name=None):
    return "/api/v1/namespaces/%s/secrets%s" % (ns, "/" + urllib.parse.quote(name, safe="") if name else "")


def object_path(ns, ref):
    """Path of a namespaced object named by a reference {apiGroup, apiVersion, resource, name}."""
    return "%s/%s" % (collection_path(ns, ref), urllib.parse.quote(ref["name"], safe=""))


def run(program, main):
    """Runs `main()` and exits 0, or logs the error and exits 1."""
    try:
        code = main()
    except Exception as e:  # noqa: BLE001 -- every failure ends the run with one line naming it
        log(program, "error: %s" % e)
        sys.exit(1)
    sys.exit(code or 0)
