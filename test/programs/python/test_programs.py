"""Unit tests of src/programs (run by test/programs/python.test.ts: python3 -m unittest, PYTHONPATH=src/programs)."""
import datetime
import io
import json
import os
import unittest
import urllib.error
from unittest import mock

import binder
import keeper
import kube
import pruner


class RenderUri(unittest.TestCase):
    def test_mysql_template_encodes_userinfo_and_path(self):
        uri = binder.render_uri("mysql://{username}:{password}@{host}:{port}/{database}?ssl-mode=REQUIRED",
                                {"username": "a@b", "password": "p:/?#[]@%", "host": "db", "port": "3306", "database": "x/y"})
        self.assertEqual(uri, "mysql://a%40b:p%3A%2F%3F%23%5B%5D%40%25@db:3306/x%2Fy?ssl-mode=REQUIRED")

    def test_optional_username_left_out_when_empty(self):
        t = "rediss://[{username}]:{password}@{host}:{port}"
        self.assertEqual(binder.render_uri(t, {"username": "", "password": "pw", "host": "h", "port": "6379"}), "rediss://:pw@h:6379")
        self.assertEqual(binder.render_uri(t, {"username": "u", "password": "pw", "host": "h", "port": "6379"}), "rediss://u:pw@h:6379")

    def test_optional_userinfo_left_out_entirely(self):
        self.assertEqual(binder.render_uri("redis://[{username}:{password}@]{host}", {"host": "h"}), "redis://h")

    def test_amqp_vhost_is_a_path_segment(self):
        uri = binder.render_uri("amqps://{username}:{password}@{host}:{port}/{vhost}",
                                {"username": "u", "password": "p", "host": "mq", "port": "5671", "vhost": "/"})
        self.assertEqual(uri, "amqps://u:p@mq:5671/%2F")

    def test_ipv6_host_in_brackets(self):
        self.assertEqual(binder.render_uri("postgresql://{host}:{port}", {"host": "fd00::1", "port": "5432"}), "postgresql://[fd00::1]:5432")

    def test_fails_when_a_required_key_is_empty(self):
        with self.assertRaisesRegex(RuntimeError, "connection key password has no value"):
            binder.render_uri("mysql://{username}:{password}@{host}", {"username": "u", "host": "h"})


class FieldPath(unittest.TestCase):
    def test_list_indexes(self):
        obj = {"status": {"nodeGroups": [{"primaryEndpoint": {"address": "a.cache", "port": 6379}}]}}
        self.assertEqual(binder.field(obj, "status.nodeGroups[0].primaryEndpoint.address"), "a.cache")
        self.assertIsNone(binder.field(obj, "status.nodeGroups[1].primaryEndpoint.address"))
        self.assertIsNone(binder.field({"status": {"nodeGroups": {}}}, "status.nodeGroups[0]"))

    def test_quoted_key_with_dots(self):
        self.assertEqual(binder.field({"data": {"attribute.password": "x"}}, 'data["attribute.password"]'), "x")

    def test_fails_on_an_invalid_path(self):
        with self.assertRaisesRegex(ValueError, "invalid fieldPath"):
            binder.parse_field_path("status..[x")


class Terminal(unittest.TestCase):
    def cond(self, **c):
        return {"status": {"conditions": [c]}}

    def test_provider_terminal_states(self):
        self.assertIn("ACK.Terminal=True: InvalidParameterCombination", binder.terminal(self.cond(type="ACK.Terminal", status="True", message="InvalidParameterCombination")))
        self.assertIn("Ready=False (UpdateFailed): boom", binder.terminal(self.cond(type="Ready", status="False", reason="UpdateFailed", message="boom")))
        self.assertIn("DependencyInvalid", binder.terminal(self.cond(type="Ready", status="False", reason="DependencyInvalid", message="m")))
        self.assertIn("ReconcileError", binder.terminal(self.cond(type="Synced", status="False", reason="ReconcileError", message="m")))
        self.assertIn("phase Failed", binder.terminal({"status": {"phase": "Failed"}}))

    def test_states_that_may_still_become_ready(self):
        for obj in [self.cond(type="ACK.Terminal", status="False"), self.cond(type="Ready", status="False", reason="Updating"),
                    self.cond(type="Synced", status="True", reason="ReconcileSuccess"), {"status": {}}, {}, {"status": "x"}]:
            self.assertIsNone(binder.terminal(obj), obj)


class FakeHeaders(dict):
    def get(self, k, d=None):
        return dict.get(self, k, d)


class Retries(unittest.TestCase):
    def client(self, answers, **env):
        slept = []
        base = {"RETRY_ATTEMPTS": "4", "RETRY_BASE_SECONDS": "1", "RBAC_GRACE_SECONDS": "0"}
        base.update(env)
        k = kube.Kube("test", env=base, sleep=slept.append)
        seq = list(answers)

        def once(method, path, body=None, content_type=None):
            a = seq.pop(0)
            if isinstance(a, Exception):
                raise a
            return a[0], a[1], FakeHeaders(a[2] if len(a) > 2 else {})
        k.once = once
        return k, slept, seq

    def test_retries_5xx_429_and_dropped_connections_then_succeeds(self):
        k, slept, _ = self.client([(500, {}), (429, {}, {"Retry-After": "2"}), urllib.error.URLError("reset"), (200, {"ok": 1})])
        self.assertEqual(k.call("GET", "/x"), (200, {"ok": 1}))
        self.assertEqual(len(slept), 3)
        self.assertEqual(slept[1], 2.0)  # Retry-After
        self.assertTrue(all(0 <= s <= 4 for s in slept))

    def test_bounded_attempts_return_the_last_answer(self):
        k, slept, _ = self.client([(503, {"message": "busy"})] * 4)
        self.assertEqual(k.call("GET", "/x")[0], 503)
        self.assertEqual(len(slept), 3)

    def test_fails_when_the_connection_drops_every_time(self):
        k, _, _ = self.client([ConnectionResetError("reset")] * 4)
        with self.assertRaisesRegex(RuntimeError, "no answer after 4 attempts"):
            k.call("GET", "/x")

    def test_403_retried_only_during_rbac_grace(self):
        k, slept, _ = self.client([(403, {}), (200, {})], RBAC_GRACE_SECONDS="60")
        self.assertEqual(k.call("GET", "/x")[0], 200)
        k, slept, seq = self.client([(403, {}), (200, {})])
        self.assertEqual(k.call("GET", "/x")[0], 403)
        self.assertEqual(len(seq), 1)

    def test_404_and_409_are_not_retried(self):
        for code in (404, 409, 422):
            k, slept, _ = self.client([(code, {})])
            self.assertEqual(k.call("GET", "/x")[0], code)
            self.assertEqual(slept, [])


class BinderClaims(unittest.TestCase):
    CLAIM = {"name": "db-backup", "labels": {"app.kubernetes.io/instance": "db"},
             "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "20Gi"}}}}

    def binder(self, answers):
        spec = {"connectionSecret": "db-connection", "claims": [self.CLAIM]}
        b = binder.Binder(json.dumps(spec), "shop", env={"RETRY_ATTEMPTS": "1"}, sleep=lambda s: None)
        calls = []

        def call(method, path, body=None, content_type=None):
            calls.append((method, path, body))
            return answers.pop(0)
        b.api.call = call
        return b, calls

    def test_creates_a_missing_claim(self):
        b, calls = self.binder([(404, {}), (201, {})])
        with mock.patch("sys.stdout", new=io.StringIO()):
            b.ensure_claims()
        self.assertEqual([c[:2] for c in calls], [("GET", "/api/v1/namespaces/shop/persistentvolumeclaims/db-backup"),
                                                  ("POST", "/api/v1/namespaces/shop/persistentvolumeclaims")])
        self.assertEqual(calls[1][2], {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                                       "metadata": {"name": "db-backup", "namespace": "shop", "labels": self.CLAIM["labels"]},
                                       "spec": self.CLAIM["spec"]})

    def test_an_existing_claim_is_left_as_it_is(self):
        b, calls = self.binder([(200, {"metadata": {"name": "db-backup"}, "spec": {"resources": {"requests": {"storage": "5Gi"}}}})])
        b.ensure_claims()
        self.assertEqual([c[0] for c in calls], ["GET"])

    def test_a_claim_created_concurrently_is_fine(self):
        b, calls = self.binder([(404, {}), (409, {})])
        b.ensure_claims()
        self.assertEqual([c[0] for c in calls], ["GET", "POST"])

    def test_fails_when_the_claim_cannot_be_created(self):
        b, _ = self.binder([(404, {}), (403, {"message": "forbidden"})])
        with self.assertRaisesRegex(kube.ApiError, "creating PersistentVolumeClaim db-backup: HTTP 403 forbidden"):
            b.ensure_claims()


class BinderGrownClaims(unittest.TestCase):
    PATH = "/api/v1/namespaces/shop/persistentvolumeclaims/data-db-0"

    def binder(self, answers):
        spec = {"connectionSecret": "db-connection", "grow": [{"name": "data-db-0", "storage": "40Gi"}]}
        b = binder.Binder(json.dumps(spec), "shop", env={"RETRY_ATTEMPTS": "1", "POLL_SECONDS": "0"}, sleep=lambda s: None)
        calls = []

        def call(method, path, body=None, content_type=None):
            calls.append((method, path, body, content_type))
            return answers.pop(0)
        b.api.call = call
        b.still_wanted = lambda: None
        return b, calls

    @staticmethod
    def claim(storage, phase="Bound"):
        return (200, {"spec": {"resources": {"requests": {"storage": storage}}}, "status": {"phase": phase}})

    def test_waits_until_bound_then_grows_a_smaller_claim(self):
        b, calls = self.binder([(404, {}), self.claim("20Gi", "Pending"), self.claim("20Gi"), (200, {})])
        with mock.patch("sys.stdout", new=io.StringIO()) as out:
            b.grow_claims()
        self.assertEqual([c[0] for c in calls], ["GET", "GET", "GET", "PATCH"])
        self.assertEqual(calls[3][1:], (self.PATH, {"spec": {"resources": {"requests": {"storage": "40Gi"}}}}, "application/merge-patch+json"))
        self.assertIn("grew PersistentVolumeClaim data-db-0 from 20Gi to 40Gi", out.getvalue())

    def test_never_shrinks_a_larger_claim(self):
        for larger in ("40Gi", "64Gi", "1Ti", "50000000000"):
            b, calls = self.binder([self.claim(larger)])
            with mock.patch("sys.stdout", new=io.StringIO()):
                b.grow_claims()
            self.assertEqual([c[0] for c in calls], ["GET"], larger)

    def test_fails_naming_the_storage_class_when_the_api_server_refuses(self):
        b, _ = self.binder([self.claim("20Gi"), (403, {"message": "only dynamically provisioned pvc can be resized"})])
        with self.assertRaisesRegex(kube.ApiError, "growing PersistentVolumeClaim data-db-0 from 20Gi to 40Gi "
                                    r"\(its StorageClass must allow expansion: allowVolumeExpansion: true\): HTTP 403"):
            with mock.patch("sys.stdout", new=io.StringIO()):
                b.grow_claims()

    def test_quantities(self):
        self.assertEqual(binder.quantity_bytes("20Gi"), 20 * 2 ** 30)
        self.assertEqual(binder.quantity_bytes("500M"), 500 * 10 ** 6)
        self.assertEqual(binder.quantity_bytes("1.5Ti"), 1.5 * 2 ** 40)
        self.assertEqual(binder.quantity_bytes(None), 0)


class Pruner(unittest.TestCase):
    NOW = datetime.datetime(2025, 6, 1, tzinfo=datetime.timezone.utc)

    def backup(self, name, days, phase="completed", schedule="s", ts=True):
        meta = {"name": name, "labels": {"cnpg.io/scheduled-backup": schedule}}
        if ts is True:
            meta["creationTimestamp"] = (self.NOW - datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
        elif ts:
            meta["creationTimestamp"] = ts
        return {"metadata": meta, "status": {"phase": phase}, "spec": {"cluster": {"name": "c"}}}

    def names(self, backups, cluster=""):
        return [b["metadata"]["name"] for b in pruner.expired(backups, "s", cluster, self.NOW, 7)]

    def test_missing_or_unreadable_timestamps_are_kept(self):
        self.assertEqual(self.names([self.backup("a", 30, ts=False), self.backup("b", 30, ts="yesterday"), self.backup("c", 1)]), [])

    def test_only_failed_backups(self):
        self.assertEqual(self.names([self.backup("a", 30, "failed"), self.backup("b", 1, "failed")]), ["a"])

    def test_clock_skew_a_future_timestamp_is_new(self):
        self.assertEqual(self.names([self.backup("a", -3), self.backup("b", 30), self.backup("c", 20)]), ["b", "c"])

    def test_other_schedules_and_clusters_are_never_touched(self):
        other = self.backup("x", 30, schedule="other")
        wrong_cluster = self.backup("y", 30)
        wrong_cluster["spec"]["cluster"]["name"] = "d"
        self.assertEqual(self.names([other, wrong_cluster, self.backup("z", 1)], cluster="c"), [])

    def test_fractional_seconds(self):
        self.assertIsNotNone(pruner.created({"metadata": {"creationTimestamp": "2025-01-01T00:00:00.123Z"}}))


class KeeperPages(unittest.TestCase):
    def page(self, truncated, token=None):
        t = "<NextContinuationToken>%s</NextContinuationToken>" % token if token else ""
        return ('<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IsTruncated>%s</IsTruncated>%s</ListBucketResult>'
                % ("true" if truncated else "false", t)).encode()

    def run_pages(self, bodies, max_pages=None):
        calls = []

        def request(method, key="", query=None, body=b"", headers=None):
            calls.append(dict(query))
            return 200, bodies[min(len(calls), len(bodies)) - 1]
        with mock.patch.object(keeper, "request", request):
            n = sum(1 for _ in keeper.pages({"list-type": "2"}, [("continuation-token", "NextContinuationToken")], max_pages))
        return n, calls

    def test_follows_continuation_tokens(self):
        n, calls = self.run_pages([self.page(True, "t1"), self.page(True, "t2"), self.page(False)])
        self.assertEqual(n, 3)
        self.assertEqual(calls[2]["continuation-token"], "t2")

    def test_fails_when_truncated_without_a_token(self):
        with self.assertRaisesRegex(RuntimeError, "page 1 is truncated but has no new NextContinuationToken"):
            self.run_pages([self.page(True)])

    def test_fails_when_the_same_token_comes_back(self):
        with self.assertRaisesRegex(RuntimeError, "page 2 is truncated"):
            self.run_pages([self.page(True, "t1"), self.page(True, "t1")])

    def test_bounded_pages(self):
        bodies = [self.page(True, "t%d" % i) for i in range(10)]
        with self.assertRaisesRegex(RuntimeError, "more than 5 pages"):
            self.run_pages(bodies, max_pages=5)


class KeeperExpire(unittest.TestCase):
    """`expire` against an in-memory bucket listing of 10,000 versions with odd keys, in pages of 1,000."""

    def test_odd_keys_and_10000_versions(self):
        now = datetime.datetime.now(datetime.timezone.utc)
        odd = ["a b", "ü/ß", "%2F", "+plus", "x&y=z", "trailing/", "中文", "q?#", "~tilde", "dots..."]
        versions = []  # newest first per key, as S3 lists them
        for i in range(1000):
            key = "%s-%d" % (odd[i % len(odd)], i)
            for v in range(10):
                age = v * 10  # days: version v became noncurrent when v-1 was written, (v-1)*10 days ago
                versions.append((key, "v%d" % v, v == 0, now - datetime.timedelta(days=age)))
        calls, deleted = [], []

        def request(method, key="", query=None, body=b"", headers=None):
            calls.append(method)
            if method == "DELETE":
                deleted.append((key, query["versionId"]))
                return 204, b""
            start = int(query.get("key-marker", "0"))
            page = versions[start:start + 1000]
            items = "".join("<Version><Key>%s</Key><VersionId>%s</VersionId><IsLatest>%s</IsLatest><LastModified>%s</LastModified></Version>"
                            % (xml_escape(k), vid, "true" if latest else "false", t.strftime("%Y-%m-%dT%H:%M:%S.000Z"))
                            for k, vid, latest, t in page)
            truncated = start + 1000 < len(versions)
            marker = "<NextKeyMarker>%d</NextKeyMarker><NextVersionIdMarker>x</NextVersionIdMarker>" % (start + 1000) if truncated else ""
            return 200, ('<ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IsTruncated>%s</IsTruncated>%s%s</ListVersionsResult>'
                         % ("true" if truncated else "false", marker, items)).encode()
        with mock.patch.object(keeper, "request", request), mock.patch("sys.stdout", new=io.StringIO()):
            keeper.expire({"noncurrentDays": 25})
        self.assertEqual(calls.count("GET"), 10)
        # Versions v4..v9 became noncurrent 30+ days ago (when v3..v8 were written): 6 per key.
        self.assertEqual(len(deleted), 6000)
        self.assertIn(("中文-6", "v9"), deleted)
        self.assertIn(("q?#-7", "v4"), deleted)
        self.assertNotIn(("q?#-7", "v3"), deleted)


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


if __name__ == "__main__":
    unittest.main()
