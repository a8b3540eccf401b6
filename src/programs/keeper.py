"""The bucket keeper: applies the portable bucket settings through the S3 API (AWS Signature Version 4, Python
standard library only), for servers in the cluster that are not configured declaratively (the in-cluster S3
server, Rook/Ceph RGW). Configured by `KEEPER_SPEC` (JSON) and `S3_ENDPOINT` (or `S3_HOST` and `S3_PORT`:
`https://host` for port 443, else `http://host:port`), `S3_REGION`, `S3_BUCKET`, `AWS_ACCESS_KEY_ID` and
`AWS_SECRET_ACCESS_KEY`:

- `setup` (a Job): waits for the server, creates the bucket when `create` (an existing bucket is fine), sets the
  versioning status (`Enabled` / `Suspended`), and with `lifecycle` puts the bucket's lifecycle configuration (or
  deletes it when there are no rules), for servers that run lifecycle rules themselves (Ceph RGW);
- `expire` (a daily CronJob, for servers without lifecycle support): deletes current objects older than
  `expirationDays` (in a versioned bucket this adds a delete marker, as S3 lifecycle expiration does) and noncurrent
  versions that became noncurrent more than `noncurrentDays` ago. A listing that says it is truncated without a
  new continuation token stops the run with an error (bounded requests), never loops.
"""
import base64, datetime, hashlib, hmac, json, os, sys, time, urllib.error, urllib.parse, urllib.request
import xml.etree.ElementTree as ET

import kube

NS = "{http://s3.amazonaws.com/doc/2006-03-01/}"


def log(msg):
    kube.log("bucket-keeper", msg)


def quote(s, safe):
    return urllib.parse.quote(s, safe=safe)


def endpoint():
    if os.environ.get("S3_ENDPOINT"):
        return os.environ["S3_ENDPOINT"].rstrip("/")
    host, port = os.environ["S3_HOST"], os.environ["S3_PORT"]
    return "https://%s" % host if port == "443" else "http://%s:%s" % (host, port)


def request(method, key="", query=None, body=b"", headers=None):
    """One signed S3 request (path-style); returns (status, body bytes)."""
    endpoint_url = endpoint()
    region, bucket = os.environ["S3_REGION"], os.environ["S3_BUCKET"]
    access, secret = os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"]
    url = urllib.parse.urlparse(endpoint_url)
    path = quote("%s/%s%s" % (url.path, bucket, "/" + key if key else ""), "/~")
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    payload_hash = hashlib.sha256(body).hexdigest()
    h = {k.lower(): v for k, v in (headers or {}).items()}
    h.update({"host": url.netloc, "x-amz-date": amz_date, "x-amz-content-sha256": payload_hash})
    canonical_query = "&".join("%s=%s" % (quote(k, "~"), quote(v, "~")) for k, v in sorted((query or {}).items()))
    signed = sorted(h)
    canonical = "\n".join([method, path, canonical_query, "".join("%s:%s\n" % (k, " ".join(str(h[k]).split())) for k in signed),
                           ";".join(signed), payload_hash])
    scope = "%s/%s/s3/aws4_request" % (day, region)
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    k = ("AWS4" + secret).encode()
    for part in (day, region, "s3", "aws4_request"):
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
    h["authorization"] = "AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s" % (access, scope, ";".join(signed), signature)
    target = "%s://%s%s%s" % (url.scheme, url.netloc, path, "?" + canonical_query if canonical_query else "")
    req = urllib.request.Request(target, data=body if method in ("PUT", "POST") else None, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=60) as res:
            return res.status, res.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def check(what, status, body, ok=(200,)):
    if status not in ok:
        raise RuntimeError("%s: HTTP %s %s" % (what, status, body[:300].decode(errors="replace")))


def xml_body(root, children):
    return ('<%s xmlns="http://s3.amazonaws.com/doc/2006-03-01/">%s</%s>' % (root, children, root)).encode()


def wait_for_server(deadline):
    while True:
        try:
            status, body = request("HEAD")
            if status in (200, 404):
                return status == 200
            raise RuntimeError("HEAD bucket: HTTP %s" % status)
        except (OSError, RuntimeError) as e:
            if time.time() > deadline:
                raise RuntimeError("the S3 server did not answer: %s" % e)
            log("waiting for the S3 server (%s)" % e)
            time.sleep(float(os.environ.get("POLL_SECONDS", "5")))


def lifecycle_rules(lc):
    rules = []
    if lc.get("expirationDays"):
        rules.append("<Expiration><Days>%d</Days></Expiration>" % lc["expirationDays"])
    if lc.get("noncurrentDays"):
        rules.append("<NoncurrentVersionExpiration><NoncurrentDays>%d</NoncurrentDays></NoncurrentVersionExpiration>" % lc["noncurrentDays"])
    if lc.get("abortIncompleteUploadDays"):
        rules.append("<AbortIncompleteMultipartUpload><DaysAfterInitiation>%d</DaysAfterInitiation></AbortIncompleteMultipartUpload>" % lc["abortIncompleteUploadDays"])
    return ["<Rule><ID>portable-%d</ID><Filter><Prefix></Prefix></Filter><Status>Enabled</Status>%s</Rule>" % (i, r) for i, r in enumerate(rules)]


def setup(spec, deadline):
    exists = wait_for_server(deadline)
    if not exists:
        if not spec.get("create"):
            raise RuntimeError("bucket %s does not exist" % os.environ["S3_BUCKET"])
        status, body = request("PUT")
        check("creating the bucket", status, body, (200, 409))
        log("created bucket %s" % os.environ["S3_BUCKET"])
    status = "Enabled" if spec["versioned"] else "Suspended"
    s, b = request("PUT", query={"versioning": ""}, body=xml_body("VersioningConfiguration", "<Status>%s</Status>" % status))
    check("setting versioning", s, b)
    log("versioning %s" % status)
    if "lifecycle" in spec:
        rules = lifecycle_rules(spec["lifecycle"])
        if rules:
            body = xml_body("LifecycleConfiguration", "".join(rules))
            md5 = base64.b64encode(hashlib.md5(body).digest()).decode()
            s, b = request("PUT", query={"lifecycle": ""}, body=body, headers={"Content-MD5": md5, "Content-Type": "application/xml"})
            check("putting the lifecycle configuration", s, b)
        else:
            s, b = request("DELETE", query={"lifecycle": ""})
            check("deleting the lifecycle configuration", s, b, (200, 204, 404))
        log("lifecycle rules: %d" % len(rules))


def pages(query, token_fields, max_pages=None):
    """Yields each page of a listing (XML root) following its continuation fields. A page that says it is truncated
    but gives no continuation (or the same one again) would list the same page forever: that is an error, and so is
    a listing longer than `MAX_PAGES` pages (default 100000)."""
    query = dict(query)
    max_pages = max_pages or int(os.environ.get("MAX_PAGES", "100000"))
    for page in range(1, max_pages + 1):
        s, b = request("GET", query=query)
        check("listing the bucket", s, b)
        root = ET.fromstring(b)
        yield root
        if root.findtext(NS + "IsTruncated") != "true":
            return
        advanced = False
        for param, element in token_fields:
            value = root.findtext(NS + element)
            if value and value != query.get(param):
                advanced = True
            if value:
                query[param] = value
        if not advanced:
            raise RuntimeError("listing the bucket: page %d is truncated but has no new %s; stopping instead of listing it again"
                               % (page, " or ".join(e for _, e in token_fields)))
    raise RuntimeError("listing the bucket: more than %d pages; stopping" % max_pages)


def parse_time(s):
    return datetime.datetime.strptime(s[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)


def expire(spec):
    now = datetime.datetime.now(datetime.timezone.utc)
    deleted = 0
    if spec.get("expirationDays"):
        limit = now - datetime.timedelta(days=spec["expirationDays"])
        for root in pages({"list-type": "2"}, [("continuation-token", "NextContinuationToken")]):
            for c in root.findall(NS + "Contents"):
                if parse_time(c.findtext(NS + "LastModified")) < limit:
                    s, b = request("DELETE", c.findtext(NS + "Key"))
                    check("deleting an expired object", s, b, (200, 204))
                    deleted += 1
    if spec.get("noncurrentDays"):
        limit = now - datetime.timedelta(days=spec["noncurrentDays"])
        newer = {}
        for root in pages({"versions": ""}, [("key-marker", "NextKeyMarker"), ("version-id-marker", "NextVersionIdMarker")]):
            for v in [e for e in root if e.tag in (NS + "Version", NS + "DeleteMarker")]:
                key, modified = v.findtext(NS + "Key"), parse_time(v.findtext(NS + "LastModified"))
                # Versions of a key come newest first: a noncurrent version became noncurrent when the next newer
                # version was written.
                since = newer.get(key)
                newer[key] = modified
                if v.findtext(NS + "IsLatest") != "true" and since is not None and since < limit:
                    s, b = request("DELETE", key, query={"versionId": v.findtext(NS + "VersionId")})
                    check("deleting a noncurrent version", s, b, (200, 204))
                    deleted += 1
    log("expired %d objects and versions" % deleted)


def main():
    spec = json.loads(os.environ["KEEPER_SPEC"])
    mode = sys.argv[1] if len(sys.argv) > 1 else "setup"
    if mode == "setup":
        setup(spec, time.time() + spec.get("timeoutSeconds", 1800))
    elif mode == "expire":
        expire(spec)
    else:
        raise RuntimeError("unknown mode " + mode)
    return 0


if __name__ == "__main__":
    kube.run("bucket-keeper", main)
