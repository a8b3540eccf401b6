"""The binder: run by a Job (and an hourly repair CronJob) in the application's namespace, it is the one place where
the connection contract is filled at deploy time. Python standard library only; it talks to the Kubernetes API
through `kube.py` (mounted next to it), which retries what is transient.

Configured by `BINDING_SPEC` (JSON, see `BinderSpec` in src/private/binder.ts), `NAMESPACE` and, optionally,
`STATE_CONFIGMAP` (the chart's binder state ConfigMap). A run:

1. Stale runs stop. The state ConfigMap holds `<connection Secret>.desired`, the hash of the spec the chart wants
   now. A Job whose spec hash differs (an older Job still retrying, or a newer one racing an old ConfigMap) waits
   briefly for it to match, then stops without writing ("superseded"). The check is made again immediately before
   every write, so a run that waited while a newer spec was applied stops too: a newer connection Secret is never
   reverted. The connection Secret records the hash of the spec that wrote it (annotation `HASH_ANNOTATION`); it is
   read again before it is written, and written on the condition that it did not change since (see
   `write_connection`).
2. Volume claims the service keeps outside its YAML (`claims`, the in-cluster backup volume of a retained
   database) are created when missing and otherwise left as they are: not being in the YAML, `kubectl delete -f`
   of it never deletes them.
3. Credentials (when the service has any). Generated ones are created once in the credentials Secret and never
   changed; if that Secret was deleted while the connection Secret exists, the values in use are taken over from
   there. If both are gone after the service was bound (`<connection Secret>.bound` in the state ConfigMap), the
   run fails with "cannot recover" and the fix: a new password would not be the one the database has. A user's or
   operator's Secret is waited for and only read.
4. Deferred values (an RDS endpoint in a DBInstance status, a Crossplane connection Secret key, a Rook claim's
   ConfigMap) are waited for: each object waited on is watched (`kube.Watch`), so a change wakes the wait at once;
   it is also read every `POLL_SECONDS` (10), the fallback when a watch is refused or cut. A provider object in a
   state that will not become ready (ACK `ACK.Terminal`, Config Connector `Ready=False` with
   `UpdateFailed`/`DependencyInvalid`, Crossplane `Synced=False` with `ReconcileError`, a `Failed` phase) fails the
   run at once with the provider's message. While waiting, the objects of `conditions` (a Crossplane claim, the
   RabbitMQ operators' objects) are checked too: one reporting an error (see `failing`) for `FAIL_AFTER_SECONDS`
   (120) fails the run with its message.
5. The connection Secret (type `servicebinding.io/<type>`) gets every contract key and the `uri` rendered from
   `uriTemplate` (see `render_uri`). It is written only when it is missing or differs. A connection Secret of the
   wrong type is deleted and recreated when the binder made it (label `app.kubernetes.io/managed-by`); otherwise
   the run fails naming the fix.

6. Volume claims to grow (`grow`, the claims of a database StatefulSet on a StorageClass that allows expansion,
   whose claim template is immutable): once the connection Secret is written, each is waited for until it is
   bound, and its storage request is raised to the spec's size when it is smaller. A claim is never created nor
   shrunk here; one larger than the spec's size is left as it is.

Exit status: 0 when the connection Secret is complete (or the run was superseded), 1 with one `binder: error:`
line otherwise.
"""
import base64
import calendar
import hashlib
import json
import os
import re
import secrets
import string
import threading
import time
import urllib.parse

import kube
from kube import ApiError, collection_path, object_path, secret_path

ALPHABET = string.ascii_letters + string.digits
HASH_ANNOTATION = "binder.portable-data.dev/spec-hash"
MANAGED_BY = ("app.kubernetes.io/managed-by", "cdk8s-portable-data")


def log(msg):
    kube.log("binder", msg)


class CannotRecover(RuntimeError):
    pass


class Superseded(Exception):
    """The chart wants another spec of this service now: this run stops without writing."""

    def __init__(self, desired):
        super().__init__(desired)
        self.desired = desired


# ---- values ----------------------------------------------------------------------------------------------------

def password(length=32):
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


PATH_TOKEN = re.compile(r"""\.?([^.\[\]]+)|\[(\d+|\*)\]|\[["']([^"']+)["']\]""")
EVERY = object()


def parse_field_path(path):
    """`status.nodeGroups[0].primaryEndpoint.address` -> ['status', 'nodeGroups', 0, 'primaryEndpoint', 'address'].
    A key with dots is written in brackets: `data["attribute.password"]`; `[*]` takes every item of a list."""
    tokens, pos = [], 0
    while pos < len(path):
        m = PATH_TOKEN.match(path, pos)
        if not m or m.end() == pos:
            raise ValueError("invalid fieldPath %r at %d" % (path, pos))
        name, index, quoted = m.groups()
        tokens.append(EVERY if index == "*" else int(index) if index is not None else (quoted if quoted is not None else name))
        pos = m.end()
    return tokens


def field(obj, path, parts=None):
    """The value at `path`, None when it is missing. With `[*]`, the values of every item that has one, each on its
    own line (`status.serverCaCerts[*].cert`: every certificate of the chain, PEM after PEM), None when none has."""
    parts = parse_field_path(path) if parts is None else parts
    for i, part in enumerate(parts):
        if part is EVERY:
            if not isinstance(obj, list):
                return None
            values = [str(v) for v in (field(item, None, parts[i + 1:]) for item in obj) if v not in (None, "")]
            return "\n".join(v.rstrip("\n") for v in values) + "\n" if values else None
        if isinstance(part, int):
            if not isinstance(obj, list) or part >= len(obj):
                return None
        elif not isinstance(obj, dict) or part not in obj:
            return None
        obj = obj[part]
    return obj


def uri_part(uri, part):
    """The host or port of a URI such as `amqps://b-1234.mq.eu-west-1.on.aws:5671` (None when it has none)."""
    parts = urllib.parse.urlsplit(uri)
    if part == "host":
        return parts.hostname
    if part == "port":
        return None if parts.port is None else str(parts.port)
    raise ValueError("uriPart %r: only host or port" % part)


PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_-]+)\}")


def uri_sections(template):
    """The URI section of each character of a template (without its `[`/`]` markers): 'scheme', 'userinfo', 'host',
    'path', 'query' or 'fragment'."""
    flat = template.replace("[", "").replace("]", "")
    sections = ["path"] * len(flat)
    start = flat.find("://")
    authority_start = start + 3 if start >= 0 else 0
    for i in range(0, authority_start):
        sections[i] = "scheme"
    end = len(flat)
    for ch in "/?#":
        j = flat.find(ch, authority_start)
        if j >= 0:
            end = min(end, j)
    at = flat.rfind("@", authority_start, end)
    for i in range(authority_start, end):
        sections[i] = "userinfo" if i < at else "host"
    query = flat.find("?", end)
    fragment = flat.find("#", end)
    for i in range(end, len(flat)):
        if fragment >= 0 and i >= fragment:
            sections[i] = "fragment"
        elif query >= 0 and i >= query:
            sections[i] = "query"
    return sections


def encode(value, section):
    if section == "host":
        return "[%s]" % value if ":" in value and not value.startswith("[") else value
    # Userinfo, path segments, query values and fragments: everything but unreserved characters is encoded, so a
    # '/', '@', ':', '?', '#', '&', '=' or '%' in a name or password never changes the URI's structure.
    return urllib.parse.quote(value, safe="")


def render_uri(template, values):
    """Renders a URI template.

    - `{key}` is the connection value `key`, percent-encoded for where it stands: userinfo, path, query and fragment
      values are encoded (all but letters, digits and `-._~`); a host with `:` (IPv6) is put in brackets; nothing
      else is changed.
    - `[ ... ]` is an optional part: it is left out, with its literal text, when any key inside it is empty or
      missing. `rediss://[{username}]:{password}@{host}:{port}` gives `rediss://:pw@h:6379` without a user name;
      `redis://[{username}:{password}@]{host}` leaves out the whole userinfo.
    - A key outside `[ ... ]` must have a value.
    Optional parts do not nest."""
    sections = uri_sections(template)
    out, pos, flat_pos = [], 0, 0
    parts = re.split(r"(\[[^\[\]]*\])", template)
    for part in parts:
        optional = part.startswith("[") and part.endswith("]")
        body = part[1:-1] if optional else part
        rendered, keep, i = [], True, 0
        for m in PLACEHOLDER.finditer(body):
            rendered.append(body[i:m.start()])
            key = m.group(1)
            value = values.get(key)
            if value in (None, ""):
                if not optional:
                    raise RuntimeError("uriTemplate %r: connection key %s has no value" % (template, key))
                keep = False
            else:
                rendered.append(encode(str(value), sections[flat_pos + m.start()]))
            i = m.end()
        rendered.append(body[i:])
        if keep:
            out.append("".join(rendered))
        flat_pos += len(body)
        pos += len(part)
    return "".join(out)


# ---- provider states -------------------------------------------------------------------------------------------

TERMINAL_READY_REASONS = ("UpdateFailed", "DependencyInvalid")


def terminal(obj):
    """The provider's own message when the object is in a state that will not become ready, else None."""
    status = obj.get("status") if isinstance(obj, dict) else None
    if not isinstance(status, dict):
        return None
    for c in status.get("conditions") or []:
        if not isinstance(c, dict):
            continue
        ctype, cstatus, reason, message = c.get("type"), str(c.get("status")), c.get("reason") or "", c.get("message") or ""
        if ctype == "ACK.Terminal" and cstatus == "True":
            return "condition ACK.Terminal=True: %s" % message
        if ctype == "Ready" and cstatus == "False" and reason in TERMINAL_READY_REASONS:
            return "condition Ready=False (%s): %s" % (reason, message)
        if ctype == "Synced" and cstatus == "False" and reason == "ReconcileError":
            return "condition Synced=False (ReconcileError): %s" % message
    if status.get("phase") == "Failed":
        return "phase Failed: %s" % (status.get("message") or status.get("reason") or "")
    return None


def failing(obj):
    """The error a watched object reports (a Crossplane claim, the RabbitMQ operators' objects), as (message, the
    condition's lastTransitionTime or None), else None:

    - a Crossplane claim: `Synced` or `Ready` False with reason `ReconcileError`;
    - a `RabbitmqCluster` (RabbitMQ Cluster Operator): `ReconcileSuccess` False (`Error`, `FailedReconcilePVC`, …);
    - a `User`, `Vhost`, `Permission` or `Queue` (Messaging Topology Operator): `Ready` False with reason
      `FailedCreateOrUpdate`.

    These also report errors that clear by themselves (the broker not answering yet while its pods start), so the
    binder fails only when one has held for `FAIL_AFTER_SECONDS`."""
    status = obj.get("status") if isinstance(obj, dict) else None
    for c in (status.get("conditions") or []) if isinstance(status, dict) else []:
        if not isinstance(c, dict) or str(c.get("status")) != "False":
            continue
        ctype, reason = c.get("type"), c.get("reason") or ""
        if (ctype in ("Synced", "Ready") and reason == "ReconcileError") or ctype == "ReconcileSuccess" \
                or (ctype == "Ready" and reason == "FailedCreateOrUpdate"):
            return "condition %s=False (%s): %s" % (ctype, reason, c.get("message") or ""), c.get("lastTransitionTime")
    return None


def since(timestamp):
    """Seconds since an RFC 3339 time of the API (`2026-01-02T03:04:05Z`), None when it is not one."""
    try:
        return time.time() - calendar.timegm(time.strptime(timestamp[:19], "%Y-%m-%dT%H:%M:%S"))
    except (TypeError, ValueError):
        return None


_UNITS = {"": 1, "k": 10 ** 3, "M": 10 ** 6, "G": 10 ** 9, "T": 10 ** 12, "P": 10 ** 15, "E": 10 ** 18,
          "Ki": 2 ** 10, "Mi": 2 ** 20, "Gi": 2 ** 30, "Ti": 2 ** 40, "Pi": 2 ** 50, "Ei": 2 ** 60}


def quantity_bytes(value):
    """A Kubernetes storage quantity (`20Gi`, `500M`, `21474836480`) in bytes; 0 for none."""
    m = re.match(r"^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$", str(value or "").strip())
    if not m:
        return 0
    return float(m.group(1)) * _UNITS[m.group(2) or ""]


# ---- the API ---------------------------------------------------------------------------------------------------

class Binder:
    def __init__(self, spec_json, ns, env=None, sleep=time.sleep):
        self.env = os.environ if env is None else env
        self.spec_json = spec_json
        self.spec = json.loads(spec_json)
        self.hash = hashlib.sha256(spec_json.encode()).hexdigest()[:16]
        self.ns = ns
        self.sleep = sleep
        self.api = kube.Kube("binder", self.env, sleep=sleep)
        self.interval = kube.env_float(self.env, "POLL_SECONDS", 10)
        # TIMEOUT_SECONDS overrides the spec's timeout without changing the spec (tests).
        self.deadline = time.time() + kube.env_float(self.env, "TIMEOUT_SECONDS", self.spec.get("timeoutSeconds", 3600))
        self.state_name = self.env.get("STATE_CONFIGMAP") or None
        self.name = self.spec["connectionSecret"]
        # Watches wake a wait as soon as an object it waits on changes; the poll every `interval` is the fallback.
        self.changed = threading.Event()
        self.last_change = None
        self.watches = {}
        self.fail_after = kube.env_float(self.env, "FAIL_AFTER_SECONDS", 120)
        self.failing_since = {}

    # Secrets
    def read_secret(self, name):
        return self.api.get(secret_path(self.ns, name), "Secret %s" % name)

    @staticmethod
    def values_of(secret):
        return {k: base64.b64decode(v).decode() for k, v in ((secret or {}).get("data") or {}).items()}

    def create_secret(self, name, secret_type, data, annotations=None):
        metadata = {"name": name, "namespace": self.ns, "labels": self.spec["labels"]}
        if annotations:
            metadata["annotations"] = annotations
        body = {"apiVersion": "v1", "kind": "Secret", "metadata": metadata, "type": secret_type, "stringData": data}
        status, out = self.api.call("POST", secret_path(self.ns), body)
        if status == 409:
            return False
        if status not in (200, 201):
            raise ApiError("creating Secret %s" % name, status, out)
        return True

    def patch_secret(self, name, data, annotations=None, resource_version=None):
        body = {"stringData": data}
        if annotations or resource_version:
            body["metadata"] = {}
            if annotations:
                body["metadata"]["annotations"] = annotations
            if resource_version:
                body["metadata"]["resourceVersion"] = resource_version
        status, out = self.api.call("PATCH", secret_path(self.ns, name), body, "application/merge-patch+json")
        if status not in (200, 201):
            raise ApiError("updating Secret %s" % name, status, out)

    def delete_secret(self, name, resource_version):
        body = {"kind": "DeleteOptions", "apiVersion": "v1", "preconditions": {"resourceVersion": resource_version}}
        status, out = self.api.call("DELETE", secret_path(self.ns, name), body)
        if status not in (200, 202, 404):
            raise ApiError("deleting Secret %s" % name, status, out)

    # Volume claims
    def ensure_claims(self):
        """Creates each claim of the spec that does not exist; an existing one (or one created concurrently) is kept
        as it is, whatever its spec: a claim is never changed or deleted."""
        base = "/api/v1/namespaces/%s/persistentvolumeclaims" % self.ns
        for claim in self.spec.get("claims", []):
            name = claim["name"]
            if self.api.get("%s/%s" % (base, urllib.parse.quote(name, safe="")), "PersistentVolumeClaim %s" % name) is not None:
                continue
            body = {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                    "metadata": {"name": name, "namespace": self.ns, "labels": claim["labels"]}, "spec": claim["spec"]}
            self.still_wanted()
            status, out = self.api.call("POST", base, body)
            if status == 409:
                continue
            if status not in (200, 201):
                raise ApiError("creating PersistentVolumeClaim %s" % name, status, out)
            log("created PersistentVolumeClaim %s" % name)

    def grow_claims(self):
        """Raises the storage request of each claim of `grow` to its size once the claim is bound (the API server
        accepts a larger request only then, and only on a StorageClass that allows expansion); never shrinks one."""
        base = "/api/v1/namespaces/%s/persistentvolumeclaims" % self.ns
        for claim in self.spec.get("grow", []):
            name, size = claim["name"], claim["storage"]
            path = "%s/%s" % (base, urllib.parse.quote(name, safe=""))

            def bound(path=path, name=name):
                obj = self.api.get(path, "PersistentVolumeClaim %s" % name)
                return obj if obj is not None and (obj.get("status") or {}).get("phase") == "Bound" else None
            obj = self.wait_for("PersistentVolumeClaim %s to be bound" % name, bound)
            current = ((obj.get("spec") or {}).get("resources") or {}).get("requests", {}).get("storage")
            if quantity_bytes(current) >= quantity_bytes(size):
                log("PersistentVolumeClaim %s requests %s, at least %s: left as it is" % (name, current, size))
                continue
            self.still_wanted()
            body = {"spec": {"resources": {"requests": {"storage": size}}}}
            status, out = self.api.call("PATCH", path, body, "application/merge-patch+json")
            if status not in (200, 201):
                raise ApiError("growing PersistentVolumeClaim %s from %s to %s (its StorageClass must allow expansion: "
                               "allowVolumeExpansion: true)" % (name, current, size), status, out)
            log("grew PersistentVolumeClaim %s from %s to %s" % (name, current, size))

    # State
    def state_path(self):
        return "/api/v1/namespaces/%s/configmaps/%s" % (self.ns, urllib.parse.quote(self.state_name, safe=""))

    def state(self):
        if not self.state_name:
            return {}
        obj = self.api.get(self.state_path(), "ConfigMap %s" % self.state_name)
        return (obj or {}).get("data") or {}

    def mark_bound(self, state):
        if not self.state_name or state.get(self.name + ".bound") == self.hash:
            return
        self.still_wanted()
        status, out = self.api.call("PATCH", self.state_path(), {"data": {self.name + ".bound": self.hash}},
                                    "application/merge-patch+json")
        if status == 404:
            log("state ConfigMap %s is missing; not recording that %s is bound" % (self.state_name, self.name))
        elif status != 200:
            raise ApiError("recording the binding in ConfigMap %s" % self.state_name, status, out)

    def superseded(self):
        """The hash the chart wants now when it is not this run's (after a short wait), else None."""
        wait_until = time.time() + kube.env_float(self.env, "SUPERSEDED_WAIT_SECONDS", 60)
        while True:
            desired = self.state().get(self.name + ".desired")
            if desired in (None, "", self.hash):
                return None
            if time.time() >= wait_until:
                return desired
            log("the chart wants spec %s, this run is %s; waiting for the state ConfigMap to catch up" % (desired, self.hash))
            self.sleep(self.interval)

    def still_wanted(self):
        """Called immediately before every write: raises Superseded when the chart now wants another spec."""
        desired = self.state().get(self.name + ".desired")
        if desired not in (None, "", self.hash):
            raise Superseded(desired)

    # Waiting
    def watch(self, ref):
        """Starts following an object the run may wait on (once per object)."""
        key = (collection_path(self.ns, ref), ref["name"])
        if key in self.watches:
            return

        def on_change(_obj, what="%s/%s" % (ref["resource"], ref["name"])):
            self.last_change = what
            self.changed.set()
        self.watches[key] = kube.Watch(self.api, key[0], ref["name"], on_change, retry_seconds=self.interval)
        self.watches[key].start()

    def start_watches(self):
        """Watches every object the run may wait on: the objects values are read from, a Secret it only reads, and
        the objects whose conditions it checks while waiting (`conditions`)."""
        spec = self.spec
        refs = list(spec.get("deferred", {}).values()) + list(spec.get("conditions", []))
        for e in spec.get("endpoints", {}).values():
            refs += [e["host"], e["port"]]
        c = spec.get("credentials")
        if c and not c["generate"]:
            refs.append({"apiGroup": "", "apiVersion": "v1", "resource": "secrets", "name": c["secret"]})
        for ref in refs:
            self.watch(ref)

    def check_conditions(self):
        """Fails the run when an object of `conditions` has reported an error (see `failing`) for `fail_after`
        seconds: since its condition's lastTransitionTime, or since this run first saw it."""
        for ref in self.spec.get("conditions", []):
            key = "%s/%s" % (ref["resource"], ref["name"])
            obj = self.api.get(object_path(self.ns, ref), "%s %s" % (ref["resource"], ref["name"]))
            problem = failing(obj) if obj is not None else None
            if problem is None:
                self.failing_since.pop(key, None)
                continue
            message, transition = problem
            first = self.failing_since.setdefault(key, time.time())
            held = max(time.time() - first, since(transition) or 0)
            if held >= self.fail_after:
                raise RuntimeError("%s reports an error for %ds (%s); fix it (kubectl describe %s %s -n %s), then re-run the binder"
                                   % (key, held, message, ref["resource"], ref["name"], self.ns))
            log("%s reports an error (%s); the run fails if it still does %ds after it began" % (key, message, self.fail_after))

    def wait_for(self, what, fetch):
        while True:
            self.changed.clear()
            value = fetch()
            if value not in (None, ""):
                return value
            self.check_conditions()
            if time.time() > self.deadline:
                raise RuntimeError("timed out waiting for " + what)
            log("waiting for %s" % what)
            if not self.watches:
                self.sleep(self.interval)
            elif self.changed.wait(self.interval):
                log("%s changed" % self.last_change)

    def deferred(self, ref):
        what = "%s of %s/%s" % (ref["fieldPath"], ref["resource"], ref["name"])

        def fetch():
            status, obj = self.api.call("GET", object_path(self.ns, ref))
            if status == 404:
                return None
            if status != 200:
                raise ApiError("reading %s %s" % (ref["resource"], ref["name"]), status, obj)
            problem = terminal(obj)
            if problem:
                raise RuntimeError("%s/%s will not become ready (%s); fix it (kubectl describe %s %s -n %s), then re-run the binder"
                                   % (ref["resource"], ref["name"], problem, ref["resource"], ref["name"], self.ns))
            value = field(obj, ref["fieldPath"])
            if value not in (None, "") and ref.get("base64"):
                value = base64.b64decode(value).decode()
            if value not in (None, "") and ref.get("uriPart"):
                value = uri_part(str(value), ref["uriPart"])
            return None if value in (None, "") else str(value)
        return self.wait_for(what, fetch)

    # Credentials
    def credentials(self, current, state):
        """The connection keys taken from the credentials Secret (by default the password)."""
        c = self.spec["credentials"]
        copy = c.get("copy") or {"password": c["passwordKey"]}
        current_values = self.values_of(current)
        if c["generate"]:
            existing = self.read_secret(c["secret"])
            if existing is None:
                taken = {key: current_values[ck] for ck, key in sorted(copy.items()) if current_values.get(ck)}
                if not taken and state.get(self.name + ".bound"):
                    raise CannotRecover(
                        "cannot recover: the credentials Secret %s and the connection Secret %s are both gone, but %s was "
                        "bound before (ConfigMap %s, key %s.bound), so the service already has credentials a new password "
                        "would not match. Restore Secret %s from a backup, or set a new password on the service and create it: "
                        "kubectl create secret generic %s -n %s --from-literal=%s=<password>; then re-run the binder"
                        % (c["secret"], self.name, self.name, self.state_name, self.name, c["secret"], c["secret"], self.ns,
                           " --from-literal=".join(c["passwordKeys"][:1])))
                data = {c["usernameKey"]: c["username"]} if c.get("usernameKey") else {}
                for key in c["passwordKeys"]:
                    data[key] = password()
                data.update(taken)
                self.still_wanted()
                if self.create_secret(c["secret"], "Opaque", data):
                    log("%s credentials Secret %s" % ("recreated" if taken else "generated", c["secret"]))
                existing = self.read_secret(c["secret"])
            # Keys added to the contract later are generated once; existing keys are never changed. The patch is
            # conditional on the version read, so two runs adding a key never leave one with a password the Secret
            # no longer has.
            for _ in range(5):
                missing = {key: password() for key in c["passwordKeys"] if not self.values_of(existing).get(key)}
                if not missing:
                    break
                self.still_wanted()
                try:
                    self.patch_secret(c["secret"], missing, resource_version=existing["metadata"].get("resourceVersion"))
                    log("added %s to credentials Secret %s" % (", ".join(sorted(missing)), c["secret"]))
                    break
                except ApiError as e:
                    if e.status != 409:
                        raise
                    existing = self.read_secret(c["secret"])
        out = {}
        for conn_key, key in sorted(copy.items()):
            out[conn_key] = self.wait_for("key %s of Secret %s" % (key, c["secret"]),
                                          lambda key=key: self.values_of(self.read_secret(c["secret"])).get(key))
        return out

    # The run
    def run(self):
        newer = self.superseded()
        if newer:
            log("superseded: the chart wants spec %s of %s, this run is %s; nothing written" % (newer, self.name, self.hash))
            return 0
        try:
            return self.bind()
        except Superseded as e:
            log("superseded while running: the chart now wants spec %s of %s, this run is %s; stopped before writing"
                % (e.desired, self.name, self.hash))
            return 0

    def bind(self):
        spec = self.spec
        self.start_watches()
        self.ensure_claims()
        state = self.state()
        current = self.read_secret(self.name)
        if current is not None and current.get("type") != spec["secretType"]:
            labels = (current.get("metadata") or {}).get("labels") or {}
            if labels.get(MANAGED_BY[0]) != MANAGED_BY[1]:
                raise RuntimeError("Secret %s exists with type %s, not %s, and was not written by the binder: delete it "
                                   "(kubectl delete secret %s -n %s) and the binder writes it, or choose another service name"
                                   % (self.name, current.get("type"), spec["secretType"], self.name, self.ns))
            log("connection Secret %s has type %s, not %s: recreating it" % (self.name, current.get("type"), spec["secretType"]))
            self.still_wanted()
            self.delete_secret(self.name, current["metadata"].get("resourceVersion"))
            current = None
        copied = self.credentials(current, state) if spec.get("credentials") else {}
        values = {k: v.replace("{namespace}", self.ns) for k, v in spec["values"].items()}
        values.update(copied)
        for key, ref in sorted(spec.get("deferred", {}).items()):
            values[key] = self.deferred(ref)
        for key, ref in sorted(spec.get("endpoints", {}).items()):
            host = self.deferred(ref["host"])
            port = self.deferred(ref["port"])
            values[key] = "https://%s" % host if port == "443" else "http://%s:%s" % (host, port)
        if spec.get("uriTemplate"):
            values["uri"] = render_uri(spec["uriTemplate"], values)
        keys = spec["keys"]
        missing = [k for k in keys if not values.get(k)]
        if missing:
            raise RuntimeError("connection keys without a value: " + ", ".join(missing))
        data = {k: values[k] for k in keys}
        wrote = self.write_connection(current, data)
        if wrote:
            log("wrote connection Secret %s (%s)" % (self.name, ", ".join(keys)))
        elif wrote is None:
            log("connection Secret %s was written for this spec by another run meanwhile; left as it is" % self.name)
        else:
            log("connection Secret %s is up to date; nothing to do" % self.name)
        self.mark_bound(state)
        self.grow_claims()
        return 0

    def write_connection(self, read_before, data, attempts=5):
        """Creates or updates the connection Secret. Immediately before each attempt it checks that the chart still
        wants this spec (else Superseded) and reads the Secret again; the write is conditional on that read (a
        create fails when the Secret appeared, a patch carries its resourceVersion), so a run never overwrites a
        write it has not seen. Returns True when it wrote, False when the Secret already held `data` from this
        spec, None when another run wrote it for this spec after this run first read it (left as it is: a newer
        observation of the same spec)."""
        annotations = {HASH_ANNOTATION: self.hash}
        first_version = ((read_before or {}).get("metadata") or {}).get("resourceVersion")
        for _ in range(attempts):
            self.still_wanted()
            current = self.read_secret(self.name)
            meta = (current or {}).get("metadata") or {}
            written_for = (meta.get("annotations") or {}).get(HASH_ANNOTATION)
            if current is not None and written_for == self.hash:
                if self.values_of(current) == {**self.values_of(current), **data}:
                    return False
                if meta.get("resourceVersion") != first_version:
                    return None
            if current is None:
                if self.create_secret(self.name, self.spec["secretType"], data, annotations):
                    return True
            else:
                try:
                    self.patch_secret(self.name, data, annotations, meta.get("resourceVersion"))
                    return True
                except ApiError as e:
                    if e.status != 409:
                        raise
            log("connection Secret %s changed while it was being written; reading it again" % self.name)
        raise RuntimeError("connection Secret %s kept changing while it was being written (%d attempts)" % (self.name, attempts))


def main():
    return Binder(os.environ["BINDING_SPEC"], os.environ["NAMESPACE"]).run()


if __name__ == "__main__":
    kube.run("binder", main)
