package main

// docs:start wordpress
import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-portable-data/cdk8s-portable-data-go/cdk8sportabledata"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2"
)

const wordpressTLS = "define('MYSQL_CLIENT_FLAGS', getenv('DB_SSL_MODE') === 'REQUIRED' ? MYSQLI_CLIENT_SSL | MYSQLI_CLIENT_SSL_DONT_VERIFY_SERVER_CERT : 0);"

// NewWordPressChart declares WordPress and its MySQL database; the profile selected at synth time decides where
// MySQL runs.
func NewWordPressChart(scope constructs.Construct, id string, props *cdk8s.ChartProps) cdk8s.Chart {
	chart := cdk8s.NewChart(scope, jsii.String(id), props)

	db := cdk8sportabledata.NewPortableMySQL(chart, jsii.String("Db"), &cdk8sportabledata.PortableMySQLProps{
		Name:             jsii.String("wordpress-db"),
		DatabaseName:     jsii.String("wordpress"),
		Storage:          cdk8s.Size_Gibibytes(jsii.Number(200)),
		HighAvailability: cdk8sportabledata.HighAvailability_AUTO,
	})

	web := cdk8splus27.NewDeployment(chart, jsii.String("WordPress"), &cdk8splus27.DeploymentProps{
		Replicas: jsii.Number(2),
		ServiceAccount: cdk8splus27.NewServiceAccount(chart, jsii.String("WordPressSa"), &cdk8splus27.ServiceAccountProps{
			Metadata: &cdk8s.ApiObjectMetadata{Name: jsii.String("wordpress")},
		}),
		Containers: &[]*cdk8splus27.ContainerProps{{
			Name:       jsii.String("wordpress"),
			Image:      jsii.String("docker.io/library/wordpress:6.8.3-apache"),
			PortNumber: jsii.Number(80),
			SecurityContext: &cdk8splus27.ContainerSecurityContextProps{
				EnsureNonRoot:          jsii.Bool(false),
				ReadOnlyRootFilesystem: jsii.Bool(false),
			},
			Resources: &cdk8splus27.ContainerResources{
				Cpu: &cdk8splus27.CpuResources{
					Request: cdk8splus27.Cpu_Millis(jsii.Number(250)),
					Limit:   cdk8splus27.Cpu_Millis(jsii.Number(1000)),
				},
				Memory: &cdk8splus27.MemoryResources{
					Request: cdk8s.Size_Mebibytes(jsii.Number(256)),
					Limit:   cdk8s.Size_Mebibytes(jsii.Number(512)),
				},
			},
		}},
	})

	db.Bind(web, nil)
	wordpress := (*web.Containers())[0]
	wordpress.Env().AddVariable(jsii.String("WORDPRESS_DB_HOST"), cdk8splus27.EnvValue_FromValue(jsii.String("$(DB_HOST):$(DB_PORT)")))
	wordpress.Env().AddVariable(jsii.String("WORDPRESS_DB_NAME"), cdk8splus27.EnvValue_FromValue(jsii.String("$(DB_DATABASE)")))
	wordpress.Env().AddVariable(jsii.String("WORDPRESS_DB_USER"), cdk8splus27.EnvValue_FromValue(jsii.String("$(DB_USERNAME)")))
	wordpress.Env().AddVariable(jsii.String("WORDPRESS_DB_PASSWORD"), cdk8splus27.EnvValue_FromValue(jsii.String("$(DB_PASSWORD)")))
	wordpress.Env().AddVariable(jsii.String("WORDPRESS_CONFIG_EXTRA"), cdk8splus27.EnvValue_FromValue(jsii.String(wordpressTLS)))

	web.ExposeViaService(&cdk8splus27.DeploymentExposeViaServiceOptions{
		Name:  jsii.String("wordpress"),
		Ports: &[]*cdk8splus27.ServicePort{{Port: jsii.Number(80), TargetPort: jsii.Number(80)}},
	})

	cdk8s.ApiObject_Of(web).AddJsonPatch(
		cdk8s.JsonPatch_Add(jsii.String("/spec/template/spec/containers/0/securityContext/capabilities"), map[string]interface{}{
			"drop": []string{"ALL"},
			"add":  []string{"CHOWN", "DAC_OVERRIDE", "FOWNER", "NET_BIND_SERVICE", "SETGID", "SETUID"},
		}),
		cdk8s.JsonPatch_Add(jsii.String("/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation"), false),
		cdk8s.JsonPatch_Add(jsii.String("/spec/template/spec/securityContext/seccompProfile"), map[string]interface{}{"type": "RuntimeDefault"}),
	)
	return chart
}

// docs:end wordpress
