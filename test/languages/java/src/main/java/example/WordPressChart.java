package example;

// docs:start wordpress
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.cdk8s_portable_data.HighAvailability;
import io.github.cdk8s_portable_data.PortableMySQL;
import org.cdk8s.ApiObject;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.JsonPatch;
import org.cdk8s.Size;
import org.cdk8s.plus27.Container;
import org.cdk8s.plus27.ContainerProps;
import org.cdk8s.plus27.ContainerResources;
import org.cdk8s.plus27.ContainerSecurityContextProps;
import org.cdk8s.plus27.Cpu;
import org.cdk8s.plus27.CpuResources;
import org.cdk8s.plus27.Deployment;
import org.cdk8s.plus27.DeploymentExposeViaServiceOptions;
import org.cdk8s.plus27.EnvValue;
import org.cdk8s.plus27.MemoryResources;
import org.cdk8s.plus27.ServiceAccount;
import org.cdk8s.plus27.ServicePort;
import software.constructs.Construct;

/** WordPress and its MySQL database; the profile selected at synth time decides where MySQL runs. */
public class WordPressChart extends Chart {
    static final String WORDPRESS_TLS = "define('MYSQL_CLIENT_FLAGS', getenv('DB_SSL_MODE') === 'REQUIRED' ? MYSQLI_CLIENT_SSL | MYSQLI_CLIENT_SSL_DONT_VERIFY_SERVER_CERT : 0);";

    public final PortableMySQL db;
    public final Deployment web;

    public WordPressChart(Construct scope, String id, ChartProps props) {
        super(scope, id, props);

        this.db = PortableMySQL.Builder.create(this, "Db")
                .name("wordpress-db")
                .databaseName("wordpress")
                .storage(Size.gibibytes(200))
                .highAvailability(HighAvailability.AUTO)
                .build();

        this.web = Deployment.Builder.create(this, "WordPress")
                .replicas(2)
                .serviceAccount(ServiceAccount.Builder.create(this, "WordPressSa")
                        .metadata(ApiObjectMetadata.builder().name("wordpress").build())
                        .build())
                .containers(List.of(ContainerProps.builder()
                        .name("wordpress")
                        .image("docker.io/library/wordpress:6.8.3-apache")
                        .portNumber(80)
                        .securityContext(ContainerSecurityContextProps.builder()
                                .ensureNonRoot(false).readOnlyRootFilesystem(false).build())
                        .resources(ContainerResources.builder()
                                .cpu(CpuResources.builder().request(Cpu.millis(250)).limit(Cpu.millis(1000)).build())
                                .memory(MemoryResources.builder()
                                        .request(Size.mebibytes(256)).limit(Size.mebibytes(512)).build())
                                .build())
                        .build()))
                .build();

        this.db.bind(this.web);
        Container wordpress = this.web.getContainers().get(0);
        wordpress.getEnv().addVariable("WORDPRESS_DB_HOST", EnvValue.fromValue("$(DB_HOST):$(DB_PORT)"));
        wordpress.getEnv().addVariable("WORDPRESS_DB_NAME", EnvValue.fromValue("$(DB_DATABASE)"));
        wordpress.getEnv().addVariable("WORDPRESS_DB_USER", EnvValue.fromValue("$(DB_USERNAME)"));
        wordpress.getEnv().addVariable("WORDPRESS_DB_PASSWORD", EnvValue.fromValue("$(DB_PASSWORD)"));
        wordpress.getEnv().addVariable("WORDPRESS_CONFIG_EXTRA", EnvValue.fromValue(WORDPRESS_TLS));

        this.web.exposeViaService(DeploymentExposeViaServiceOptions.builder()
                .name("wordpress")
                .ports(List.of(ServicePort.builder().port(80).targetPort(80).build()))
                .build());

        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("drop", List.of("ALL"));
        capabilities.put("add", List.of("CHOWN", "DAC_OVERRIDE", "FOWNER", "NET_BIND_SERVICE", "SETGID", "SETUID"));
        ApiObject.of(this.web).addJsonPatch(
                JsonPatch.add("/spec/template/spec/containers/0/securityContext/capabilities", capabilities),
                JsonPatch.add("/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation", false),
                JsonPatch.add("/spec/template/spec/securityContext/seccompProfile", Map.of("type", "RuntimeDefault")));
    }
}
// docs:end wordpress
