package example;

import java.util.List;
import java.util.Map;

import io.github.cdk8s_portable_data.AwsProfile;
import io.github.cdk8s_portable_data.CachePersistence;
import io.github.cdk8s_portable_data.CrossplaneProfile;
import io.github.cdk8s_portable_data.GcpProfile;
import io.github.cdk8s_portable_data.PortableCache;
import io.github.cdk8s_portable_data.PortableQueue;
import io.github.cdk8s_portable_data.Profile;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.plus27.ContainerProps;
import org.cdk8s.plus27.Deployment;
import software.constructs.IConstruct;

/**
 * examples/wordpress in Java, plus a cache, a queue and three errors (test/languages/languages.test.ts runs it).
 *
 * <pre>
 *   wordpress   synthesizes WordPress into $CDK8S_OUTDIR for the profile PORTABLE_PROFILE names
 *   shop        synthesizes a cache and a queue into $CDK8S_OUTDIR
 *   errors      prints one JSON line per expected error
 * </pre>
 */
public final class Main {
    // docs:start profiles
    static void registerProfiles(IConstruct app) {
        Profile.register(app,
                AwsProfile.Builder.create()
                        .region("eu-west-1")
                        .dbSubnetGroupName("wordpress-private")
                        .vpcSecurityGroupIds(List.of("sg-0a1b2c3d4e5f60718"))
                        .namePrefix("prod-")
                        .build(),
                GcpProfile.Builder.create()
                        .projectId("wordpress-prod-4711")
                        .region("europe-west1")
                        .privateNetwork("projects/wordpress-prod-4711/global/networks/default")
                        .namePrefix("prod-")
                        .build(),
                CrossplaneProfile.Builder.create()
                        .compositionSelector(Map.of("provider", "aws"))
                        .namePrefix("prod-")
                        .build());
        // The platform team's profiles: PORTABLE_PROFILE=aws-staging
        Profile.registerFile(app, "profiles.yaml");
    }
    // docs:end profiles

    static void wordpress() {
        App app = new App();
        registerProfiles(app);
        new WordPressChart(app, "wordpress", ChartProps.builder().namespace("wordpress").build());
        app.synth();
    }

    // docs:start shop
    static void shop() {
        App app = new App();
        Profile.register(app, AwsProfile.Builder.create()
                .region("eu-west-1")
                .dbSubnetGroupName("shop-private")
                .vpcSecurityGroupIds(List.of("sg-0a1b2c3d4e5f60718"))
                .cacheSubnetGroupName("shop-cache-private")
                .brokerSubnetIds(List.of("subnet-0a1b2c3d4e5f60718", "subnet-08192a3b4c5d6e7f0"))
                .build());
        Chart chart = new Chart(app, "shop", ChartProps.builder().namespace("shop").build());
        PortableCache sessions = PortableCache.Builder.create(chart, "Sessions")
                .name("sessions").persistence(CachePersistence.DURABLE).build();
        PortableQueue orders = PortableQueue.Builder.create(chart, "Orders").name("orders").build();
        Deployment worker = Deployment.Builder.create(chart, "Worker")
                .containers(List.of(ContainerProps.builder()
                        .name("worker").image("docker.io/library/python:3.13-slim")
                        .command(List.of("python", "-m", "worker")).build()))
                .build();
        sessions.bind(worker);
        orders.bind(worker);
        app.synth();
    }
    // docs:end shop

    /** Each case fails at synth with the library's message, as Java's own exception. */
    static void errors() {
        Map<String, Runnable> cases = new java.util.LinkedHashMap<>();
        cases.put("bad-value", () -> PortableQueue.Builder.create(new Chart(new App(), "errors"), "Orders")
                .queues(List.of("amq.orders")).build());
        cases.put("backend-refusal", () -> {
            Chart chart = new Chart(new App(), "errors");
            Profile.use(chart, GcpProfile.Builder.create().projectId("shop-4711").region("europe-west1").build());
            PortableQueue.Builder.create(chart, "Orders").build();
        });
        cases.put("bad-profiles-file", () -> Profile.registerFile(new App(), "bad-profiles.yaml"));
        cases.forEach((name, run) -> {
            // docs:start errors
            try {
                run.run();
                System.out.println("{\"case\":" + json(name) + ",\"error\":null}");
            } catch (RuntimeException e) {
                System.out.println("{\"case\":" + json(name) + ",\"error\":" + json(e.getClass().getName())
                        + ",\"message\":" + json(e.getMessage()) + "}");
            }
            // docs:end errors
        });
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "wordpress": wordpress(); break;
            case "shop": shop(); break;
            case "errors": errors(); break;
            default: throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private Main() {}
}
