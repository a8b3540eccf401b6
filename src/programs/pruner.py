import datetime, json, os, ssl, sys, urllib.error, urllib.parse, urllib.request

SA_DIR = os.environ.get("SERVICEACCOUNT_DIR", "/var/run/secrets/kubernetes.io/serviceaccount")
API = os.environ.get("KUBERNETES_API_URL") or "https://%s:%s" % (
    os.environ.get("KUBERNETES_SERVICE_HOST", "kubernetes.default.svc"), os.environ.get("KUBERNETES_SERVICE_PORT", "443"))


def call(method, path):
    with open(os.path.join(SA_DIR, "token")) as f:
        token = f.read().strip()
    req = urllib.request.Request(API + path, method=method)
    req.add_header("Authorization", "Bearer " + token)
    req.add_header("Accept", "application/json")
    ca = os.path.join(SA_DIR, "ca.crt")
    ctx = ssl.create_default_context(cafile=ca) if API.startswith("https") and os.path.exists(ca) else None
    try:
        with urllib.request.urlopen(req, context=ctx, timeout=30) as res:
            return res.status, json.loads(res.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, {}


def created(backup):
    ts = backup["metadata"]["creationTimestamp"]
    return datetime.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)


def main():
    ns = os.environ["NAMESPACE"]
    schedule = os.environ["SCHEDULED_BACKUP"]
    cutoff = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=int(os.environ["RETENTION_DAYS"]))
    base = "/apis/postgresql.cnpg.io/v1/namespaces/%s/backups" % ns
    status, body = call("GET", base + "?labelSelector=" + urllib.parse.quote("cnpg.io/scheduled-backup=" + schedule))
    if status != 200:
        raise RuntimeError("listing the backups of %s: HTTP %s" % (schedule, status))
    backups = sorted(body.get("items") or [], key=created)
    phase = lambda b: (b.get("status") or {}).get("phase")
    completed = [b for b in backups if phase(b) == "completed"]
    newest = completed[-1]["metadata"]["name"] if completed else None
    expired = [b for b in backups if created(b) < cutoff and phase(b) in ("completed", "failed")
               and b["metadata"]["name"] != newest]
    for b in expired:
        name = b["metadata"]["name"]
        status, _ = call("DELETE", base + "/" + urllib.parse.quote(name))
        if status not in (200, 202, 404):
            raise RuntimeError("deleting Backup %s: HTTP %s" % (name, status))
        print("pruner: deleted Backup %s (%s)" % (name, b["metadata"]["creationTimestamp"]), flush=True)
    print("pruner: %d backups of %s, %d expired" % (len(backups), schedule, len(expired)), flush=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:
        print("pruner: error: %s" % e, flush=True)
        sys.exit(1)
