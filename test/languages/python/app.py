"""examples/wordpress in Python, plus a cache, a queue and three errors (test/languages/languages.test.ts runs it).

  python app.py wordpress   synthesizes WordPress into $CDK8S_OUTDIR for the profile PORTABLE_PROFILE names
  python app.py shop        synthesizes a cache and a queue into $CDK8S_OUTDIR
  python app.py errors      prints one JSON line per expected error
"""
import json
import sys

# docs:start imports
import cdk8s_plus_27 as kplus
from cdk8s import ApiObject, ApiObjectMetadata, App, Chart, JsonPatch, Size
from cdk8s_portable_data import (
    AwsProfile, CachePersistence, CrossplaneProfile, GcpProfile, HighAvailability, PortableCache, PortableMySQL,
    PortableQueue, Profile,
)
from constructs import Construct
# docs:end imports

WORDPRESS_TLS = "define('MYSQL_CLIENT_FLAGS', getenv('DB_SSL_MODE') === 'REQUIRED' ? MYSQLI_CLIENT_SSL | MYSQLI_CLIENT_SSL_DONT_VERIFY_SERVER_CERT : 0);"


# docs:start profiles
def register_profiles(app: Construct) -> None:
    Profile.register(
        app,
        AwsProfile(
            region="eu-west-1",
            db_subnet_group_name="wordpress-private",
            vpc_security_group_ids=["sg-0a1b2c3d4e5f60718"],
            name_prefix="prod-",
        ),
        GcpProfile(
            project_id="wordpress-prod-4711",
            region="europe-west1",
            private_network="projects/wordpress-prod-4711/global/networks/default",
            name_prefix="prod-",
        ),
        CrossplaneProfile(composition_selector={"provider": "aws"}, name_prefix="prod-"),
    )
    # The platform team's profiles: PORTABLE_PROFILE=aws-staging
    Profile.register_file(app, "profiles.yaml")
# docs:end profiles


# docs:start wordpress
class WordPressChart(Chart):
    def __init__(self, scope: Construct, id: str, *, namespace: str) -> None:
        super().__init__(scope, id, namespace=namespace)

        self.db = PortableMySQL(
            self, "Db",
            name="wordpress-db",
            database_name="wordpress",
            storage=Size.gibibytes(200),
            high_availability=HighAvailability.AUTO,
        )

        self.web = kplus.Deployment(
            self, "WordPress",
            replicas=2,
            service_account=kplus.ServiceAccount(self, "WordPressSa", metadata=ApiObjectMetadata(name="wordpress")),
            containers=[kplus.ContainerProps(
                name="wordpress",
                image="docker.io/library/wordpress:6.8.3-apache",
                port_number=80,
                security_context=kplus.ContainerSecurityContextProps(
                    ensure_non_root=False, read_only_root_filesystem=False),
                resources=kplus.ContainerResources(
                    cpu=kplus.CpuResources(request=kplus.Cpu.millis(250), limit=kplus.Cpu.millis(1000)),
                    memory=kplus.MemoryResources(request=Size.mebibytes(256), limit=Size.mebibytes(512)),
                ),
            )],
        )

        self.db.bind(self.web)
        wordpress = self.web.containers[0]
        wordpress.env.add_variable("WORDPRESS_DB_HOST", kplus.EnvValue.from_value("$(DB_HOST):$(DB_PORT)"))
        wordpress.env.add_variable("WORDPRESS_DB_NAME", kplus.EnvValue.from_value("$(DB_DATABASE)"))
        wordpress.env.add_variable("WORDPRESS_DB_USER", kplus.EnvValue.from_value("$(DB_USERNAME)"))
        wordpress.env.add_variable("WORDPRESS_DB_PASSWORD", kplus.EnvValue.from_value("$(DB_PASSWORD)"))
        wordpress.env.add_variable("WORDPRESS_CONFIG_EXTRA", kplus.EnvValue.from_value(WORDPRESS_TLS))

        self.web.expose_via_service(name="wordpress", ports=[kplus.ServicePort(port=80, target_port=80)])

        ApiObject.of(self.web).add_json_patch(
            JsonPatch.add("/spec/template/spec/containers/0/securityContext/capabilities", {
                "drop": ["ALL"],
                "add": ["CHOWN", "DAC_OVERRIDE", "FOWNER", "NET_BIND_SERVICE", "SETGID", "SETUID"],
            }),
            JsonPatch.add("/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation", False),
            JsonPatch.add("/spec/template/spec/securityContext/seccompProfile", {"type": "RuntimeDefault"}),
        )
# docs:end wordpress


def wordpress() -> None:
    app = App()
    register_profiles(app)
    WordPressChart(app, "wordpress", namespace="wordpress")
    app.synth()


# docs:start shop
def shop() -> None:
    app = App()
    Profile.register(app, AwsProfile(
        region="eu-west-1",
        db_subnet_group_name="shop-private",
        vpc_security_group_ids=["sg-0a1b2c3d4e5f60718"],
        cache_subnet_group_name="shop-cache-private",
        broker_subnet_ids=["subnet-0a1b2c3d4e5f60718", "subnet-08192a3b4c5d6e7f0"],
    ))
    chart = Chart(app, "shop", namespace="shop")
    sessions = PortableCache(chart, "Sessions", name="sessions", persistence=CachePersistence.DURABLE)
    orders = PortableQueue(chart, "Orders", name="orders")
    worker = kplus.Deployment(chart, "Worker", containers=[kplus.ContainerProps(
        name="worker", image="docker.io/library/python:3.13-slim", command=["python", "-m", "worker"])])
    sessions.bind(worker)
    orders.bind(worker)
    app.synth()
# docs:end shop


def errors() -> None:
    """Each case fails at synth with the library's message, as Python's own exception."""
    def bad_value() -> None:
        PortableQueue(Chart(App(), "errors"), "Orders", queues=["amq.orders"])

    def backend_refusal() -> None:
        chart = Chart(App(), "errors")
        Profile.use(chart, GcpProfile(project_id="shop-4711", region="europe-west1"))
        PortableQueue(chart, "Orders")

    def bad_profiles_file() -> None:
        Profile.register_file(App(), "bad-profiles.yaml")

    for case, run in [("bad-value", bad_value), ("backend-refusal", backend_refusal),
                      ("bad-profiles-file", bad_profiles_file)]:
        # docs:start errors
        try:
            run()
            print(json.dumps({"case": case, "error": None}))
        except RuntimeError as e:
            print(json.dumps({"case": case, "error": type(e).__name__, "message": str(e)}))
        # docs:end errors


if __name__ == "__main__":
    {"wordpress": wordpress, "shop": shop, "errors": errors}[sys.argv[1]]()
