"""The backup pruner: run daily by a CronJob. CloudNativePG does not expire volume snapshot backups (its
`retentionPolicy` applies to Barman object stores only, cloudnative-pg/cloudnative-pg#6009), so this deletes the
`Backup` objects of one ScheduledBackup created more than `RETENTION_DAYS` days ago; their VolumeSnapshots go with
them (`snapshotOwnerReference: backup`). Python standard library only, through `kube.py`.

What it may delete (RBAC cannot narrow `list` or `delete` of generated names, so the program does):

- only Backups labelled `cnpg.io/scheduled-backup=<SCHEDULED_BACKUP>` (the list is selected by that label, and each
  item is checked again) of the cluster `CLUSTER` (`spec.cluster.name`), when set;
- only finished ones (`completed` or `failed`) with a readable `creationTimestamp` older than the retention (a
  timestamp in the future — clock skew — counts as new);
- never the newest completed backup, however old, so failing backups never leave the database without one;
- each delete carries the listed object's `uid` as a precondition, so a Backup re-created under the same name is
  not deleted.
"""
import datetime
import os
import urllib.parse

import kube
from kube import ApiError

LABEL = "cnpg.io/scheduled-backup"


def log(msg):
    kube.log("pruner", msg)


def created(backup):
    """The creation time, or None when it is missing or unreadable."""
    ts = (backup.get("metadata") or {}).get("creationTimestamp")
    if not isinstance(ts, str):
        return None
    for fmt in ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S.%fZ"):
        try:
            return datetime.datetime.strptime(ts, fmt).replace(tzinfo=datetime.timezone.utc)
        except ValueError:
            continue
    return None


def phase(backup):
    return (backup.get("status") or {}).get("phase")


def owned(backup, schedule, cluster):
    labels = (backup.get("metadata") or {}).get("labels") or {}
    if labels.get(LABEL) != schedule:
        return False
    return not cluster or ((backup.get("spec") or {}).get("cluster") or {}).get("name") == cluster


def expired(backups, schedule, cluster, now, retention_days):
    """The Backups to delete, oldest first."""
    cutoff = now - datetime.timedelta(days=retention_days)
    mine = [b for b in backups if owned(b, schedule, cluster)]
    dated = sorted((b for b in mine if created(b) is not None), key=created)
    completed = [b for b in dated if phase(b) == "completed"]
    newest = completed[-1]["metadata"]["name"] if completed else None
    return [b for b in dated if created(b) < cutoff and phase(b) in ("completed", "failed") and b["metadata"]["name"] != newest]


def main():
    ns = os.environ["NAMESPACE"]
    schedule = os.environ["SCHEDULED_BACKUP"]
    cluster = os.environ.get("CLUSTER", "")
    retention = int(os.environ["RETENTION_DAYS"])
    api = kube.Kube("pruner")
    base = "/apis/postgresql.cnpg.io/v1/namespaces/%s/backups" % ns
    status, body = api.call("GET", base + "?labelSelector=" + urllib.parse.quote("%s=%s" % (LABEL, schedule)))
    if status != 200:
        raise ApiError("listing the backups of %s" % schedule, status, body)
    backups = [b for b in body.get("items") or [] if isinstance(b, dict)]
    undated = [b["metadata"].get("name") for b in backups if owned(b, schedule, cluster) and created(b) is None]
    for name in undated:
        log("kept Backup %s: no readable creationTimestamp" % name)
    doomed = expired(backups, schedule, cluster, datetime.datetime.now(datetime.timezone.utc), retention)
    for b in doomed:
        name, uid = b["metadata"]["name"], b["metadata"].get("uid")
        options = {"kind": "DeleteOptions", "apiVersion": "v1"}
        if uid:
            options["preconditions"] = {"uid": uid}
        status, out = api.call("DELETE", base + "/" + urllib.parse.quote(name, safe=""), options)
        if status not in (200, 202, 404, 409):
            raise ApiError("deleting Backup %s" % name, status, out)
        log("deleted Backup %s (%s)" % (name, b["metadata"]["creationTimestamp"]) if status != 409
            else "kept Backup %s: replaced since it was listed" % name)
    log("%d backups of %s, %d expired" % (len(backups), schedule, len(doomed)))
    return 0


if __name__ == "__main__":
    kube.run("pruner", main)
