import base64, json, os, secrets, ssl, string, sys, time, urllib.error, urllib.parse, urllib.request

SA_DIR = os.environ.get("SERVICEACCOUNT_DIR", "/var/run/secrets/kubernetes.io/serviceaccount")
API = os.environ.get("KUBERNETES_API_URL") or "https://%s:%s" % (
    os.environ.get("KUBERNETES_SERVICE_HOST", "kubernetes.default.svc"), os.environ.get("KUBERNETES_SERVICE_PORT", "443"))
ALPHABET = string.ascii_letters + string.digits


def log(msg):
    print("binder: " + msg, flush=True)


def context():
    ca = os.path.join(SA_DIR, "ca.crt")
    return ssl.create_default_context(cafile=ca) if API.startswith("https") and os.path.exists(ca) else None


def call(method, path, body=None):
    with open(os.path.join(SA_DIR, "token")) as f:
        token = f.read().strip()
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(API + path, data=data, method=method)
    req.add_header("Authorization", "Bearer " + token)
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/merge-patch+json" if method == "PATCH" else "application/json")
    try:
        with urllib.request.urlopen(req, context=context(), timeout=30) as res:
            return res.status, parse(res.read())
    except urllib.error.HTTPError as e:
        return e.code, parse(e.read())


def parse(raw):
    try:
        out = json.loads(raw or b"{}")
    except ValueError:
        out = None
    return out if isinstance(out, dict) else {"message": raw.decode(errors="replace").strip()[:200]}


def secret_path(ns, name=None):
    return "/api/v1/namespaces/%s/secrets%s" % (ns, "/" + name if name else "")


def read_secret(ns, name):
    status, body = call("GET", secret_path(ns, name))
    if status == 404:
        return None
    if status != 200:
        raise RuntimeError("reading Secret %s: HTTP %s %s" % (name, status, body.get("message", "")))
    return {k: base64.b64decode(v).decode() for k, v in (body.get("data") or {}).items()}


def write_secret(ns, name, secret_type, labels, data, exists):
    body = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name, "namespace": ns, "labels": labels},
            "type": secret_type, "stringData": data}
    if exists:
        status, out = call("PATCH", secret_path(ns, name), {"stringData": data})
    else:
        status, out = call("POST", secret_path(ns), body)
    if status == 409:
        return False
    if status not in (200, 201):
        raise RuntimeError("writing Secret %s: HTTP %s %s" % (name, status, out.get("message", "")))
    return True


def password(length=32):
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def field(obj, path):
    for part in path.split("."):
        if not isinstance(obj, dict) or part not in obj:
            return None
        obj = obj[part]
    return obj


def resource_path(ns, ref):
    group, version = ref["apiGroup"], ref["apiVersion"]
    base = "/api/%s" % version if not group else "/apis/%s/%s" % (group, version)
    return "%s/namespaces/%s/%s/%s" % (base, ns, ref["resource"], ref["name"])


def wait_for(what, fetch, deadline, interval):
    while True:
        value = fetch()
        if value not in (None, ""):
            return value
        if time.time() > deadline:
            raise RuntimeError("timed out waiting for " + what)
        log("waiting for %s" % what)
        time.sleep(interval)


def credentials(ns, spec, deadline, interval, current):
    """Returns the connection keys taken from the credentials Secret (by default the password)."""
    c = spec["credentials"]
    copy = c.get("copy") or {"password": c["passwordKey"]}
    existing = read_secret(ns, c["secret"]) if c["generate"] else None
    if c["generate"] and existing is None:
        data = {c["usernameKey"]: c["username"]} if c.get("usernameKey") else {}
        for key in c["passwordKeys"]:
            data[key] = password()
        for conn_key, key in sorted(copy.items()):
            if current and current.get(conn_key):
                # The credentials Secret was deleted: keep what the service and the application already use.
                data[key] = current[conn_key]
        if write_secret(ns, c["secret"], "Opaque", spec["labels"], data, False):
            log("generated credentials Secret %s" % c["secret"])
    elif existing is not None:
        # Keys added to the contract later are generated once; existing keys are never changed.
        missing = {key: password() for key in c["passwordKeys"] if not existing.get(key)}
        if missing:
            write_secret(ns, c["secret"], "Opaque", spec["labels"], missing, True)
            log("added %s to credentials Secret %s" % (", ".join(sorted(missing)), c["secret"]))
    out = {}
    for conn_key, key in sorted(copy.items()):
        out[conn_key] = wait_for("key %s of Secret %s" % (key, c["secret"]),
                                 lambda key=key: (read_secret(ns, c["secret"]) or {}).get(key), deadline, interval)
    return out


def deferred(ns, ref, deadline, interval):
    def fetch():
        status, obj = call("GET", resource_path(ns, ref))
        if status == 404:
            return None
        if status != 200:
            raise RuntimeError("reading %s %s: HTTP %s %s" % (ref["resource"], ref["name"], status, obj.get("message", "")))
        value = field(obj, ref["fieldPath"])
        if value not in (None, "") and ref.get("base64"):
            value = base64.b64decode(value).decode()
        return None if value in (None, "") else str(value)
    return wait_for("%s of %s/%s" % (ref["fieldPath"], ref["resource"], ref["name"]), fetch, deadline, interval)


def main():
    spec = json.loads(os.environ["BINDING_SPEC"])
    ns = os.environ["NAMESPACE"]
    interval = float(os.environ.get("POLL_SECONDS", "10"))
    deadline = time.time() + spec.get("timeoutSeconds", 3600)
    name = spec["connectionSecret"]
    keys = spec["keys"]
    current = read_secret(ns, name)
    copied = credentials(ns, spec, deadline, interval, current) if spec.get("credentials") else {}
    values = {k: v.replace("{namespace}", ns) for k, v in spec["values"].items()}
    values.update(copied)
    for key, ref in sorted(spec.get("deferred", {}).items()):
        values[key] = deferred(ns, ref, deadline, interval)
    for key, ref in sorted(spec.get("endpoints", {}).items()):
        host = deferred(ns, ref["host"], deadline, interval)
        port = deferred(ns, ref["port"], deadline, interval)
        values[key] = "https://%s" % host if port == "443" else "http://%s:%s" % (host, port)
    if spec.get("uriScheme"):
        quote = lambda s: urllib.parse.quote(s, safe="")
        values["uri"] = "%s://%s:%s@%s:%s/%s" % (spec["uriScheme"], quote(values["username"]), quote(values["password"]),
                                                  values["host"], values["port"], quote(values["database"]))
    missing = [k for k in keys if not values.get(k)]
    if missing:
        raise RuntimeError("connection keys without a value: " + ", ".join(missing))
    data = {k: values[k] for k in keys}
    if current is not None and all(current.get(k) == data[k] for k in keys):
        log("connection Secret %s is up to date; nothing to do" % name)
        return 0
    if not write_secret(ns, name, spec["secretType"], spec["labels"], data, current is not None):
        write_secret(ns, name, spec["secretType"], spec["labels"], data, True)
    log("wrote connection Secret %s (%s)" % (name, ", ".join(keys)))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:
        log("error: %s" % e)
        sys.exit(1)
