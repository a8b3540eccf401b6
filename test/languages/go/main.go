// examples/wordpress in Go, plus a cache, a queue and three errors (test/languages/languages.test.ts runs it).
//
//	wordpress   synthesizes WordPress into $CDK8S_OUTDIR for the profile PORTABLE_PROFILE names
//	shop        synthesizes a cache and a queue into $CDK8S_OUTDIR
//	errors      prints one JSON line per expected error
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-portable-data/cdk8s-portable-data-go/cdk8sportabledata"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2"
)

// docs:start profiles
func registerProfiles(app constructs.IConstruct) {
	cdk8sportabledata.Profile_Register(app,
		cdk8sportabledata.NewAwsProfile(&cdk8sportabledata.AwsProfileOptions{
			Region:              jsii.String("eu-west-1"),
			DbSubnetGroupName:   jsii.String("wordpress-private"),
			VpcSecurityGroupIds: jsii.Strings("sg-0a1b2c3d4e5f60718"),
			NamePrefix:          jsii.String("prod-"),
		}),
		cdk8sportabledata.NewGcpProfile(&cdk8sportabledata.GcpProfileOptions{
			ProjectId:      jsii.String("wordpress-prod-4711"),
			Region:         jsii.String("europe-west1"),
			PrivateNetwork: jsii.String("projects/wordpress-prod-4711/global/networks/default"),
			NamePrefix:     jsii.String("prod-"),
		}),
		cdk8sportabledata.NewCrossplaneProfile(&cdk8sportabledata.CrossplaneProfileOptions{
			CompositionSelector: &map[string]*string{"provider": jsii.String("aws")},
			NamePrefix:          jsii.String("prod-"),
		}),
	)
	// The platform team's profiles: PORTABLE_PROFILE=aws-staging
	cdk8sportabledata.Profile_RegisterFile(app, jsii.String("profiles.yaml"))
}

// docs:end profiles

func wordpress() {
	app := cdk8s.NewApp(nil)
	registerProfiles(app)
	NewWordPressChart(app, "wordpress", &cdk8s.ChartProps{Namespace: jsii.String("wordpress")})
	app.Synth()
}

// docs:start shop
func shop() {
	app := cdk8s.NewApp(nil)
	cdk8sportabledata.Profile_Register(app, cdk8sportabledata.NewAwsProfile(&cdk8sportabledata.AwsProfileOptions{
		Region:               jsii.String("eu-west-1"),
		DbSubnetGroupName:    jsii.String("shop-private"),
		VpcSecurityGroupIds:  jsii.Strings("sg-0a1b2c3d4e5f60718"),
		CacheSubnetGroupName: jsii.String("shop-cache-private"),
		BrokerSubnetIds:      jsii.Strings("subnet-0a1b2c3d4e5f60718", "subnet-08192a3b4c5d6e7f0"),
	}))
	chart := cdk8s.NewChart(app, jsii.String("shop"), &cdk8s.ChartProps{Namespace: jsii.String("shop")})
	sessions := cdk8sportabledata.NewPortableCache(chart, jsii.String("Sessions"), &cdk8sportabledata.PortableCacheProps{
		Name:        jsii.String("sessions"),
		Persistence: cdk8sportabledata.CachePersistence_DURABLE,
	})
	orders := cdk8sportabledata.NewPortableQueue(chart, jsii.String("Orders"), &cdk8sportabledata.PortableQueueProps{
		Name: jsii.String("orders"),
	})
	worker := cdk8splus27.NewDeployment(chart, jsii.String("Worker"), &cdk8splus27.DeploymentProps{
		Containers: &[]*cdk8splus27.ContainerProps{{
			Name:    jsii.String("worker"),
			Image:   jsii.String("docker.io/library/python:3.13-slim"),
			Command: jsii.Strings("python", "-m", "worker"),
		}},
	})
	sessions.Bind(worker, nil)
	orders.Bind(worker, nil)
	app.Synth()
}

// docs:end shop

// errors runs each case, which fails at synth with the library's message as a Go panic.
func errors() {
	cases := []struct {
		name string
		run  func()
	}{
		{"bad-value", func() {
			chart := cdk8s.NewChart(cdk8s.NewApp(nil), jsii.String("errors"), nil)
			cdk8sportabledata.NewPortableQueue(chart, jsii.String("Orders"), &cdk8sportabledata.PortableQueueProps{
				Queues: jsii.Strings("amq.orders"),
			})
		}},
		{"backend-refusal", func() {
			chart := cdk8s.NewChart(cdk8s.NewApp(nil), jsii.String("errors"), nil)
			cdk8sportabledata.Profile_Use(chart, cdk8sportabledata.NewGcpProfile(&cdk8sportabledata.GcpProfileOptions{
				ProjectId: jsii.String("shop-4711"),
				Region:    jsii.String("europe-west1"),
			}))
			cdk8sportabledata.NewPortableQueue(chart, jsii.String("Orders"), nil)
		}},
		{"bad-profiles-file", func() {
			cdk8sportabledata.Profile_RegisterFile(cdk8s.NewApp(nil), jsii.String("bad-profiles.yaml"))
		}},
	}
	for _, c := range cases {
		line := map[string]interface{}{"case": c.name, "error": nil}
		func() {
			// docs:start errors
			defer func() {
				if r := recover(); r != nil {
					err := r.(error)
					line["error"] = fmt.Sprintf("%T", err)
					line["message"] = err.Error()
				}
			}()
			c.run()
			// docs:end errors
		}()
		out, _ := json.Marshal(line)
		fmt.Println(string(out))
	}
}

func main() {
	defer jsii.Close()
	switch os.Args[1] {
	case "wordpress":
		wordpress()
	case "shop":
		shop()
	case "errors":
		errors()
	default:
		panic("unknown mode " + os.Args[1])
	}
}
