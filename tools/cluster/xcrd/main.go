// Command xcrd prints the CustomResourceDefinitions that Crossplane derives from the CompositeResourceDefinitions
// it reads (YAML documents on stdin; other kinds are skipped): the composite resource's CRD and, where the XRD names
// claims, the claim's. It calls Crossplane's own conversion (cmd/crank/common/crd, which wraps the xcrd package the
// definition controller uses), so the test cluster serves the platform example's claims as Crossplane would,
// without running Crossplane's controllers.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/crossplane/crossplane/v2/cmd/crank/common/crd"
	un "k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	kyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "xcrd:", err)
		os.Exit(1)
	}
}

func run(in io.Reader, out io.Writer) error {
	reader := kyaml.NewYAMLReader(bufio.NewReader(in))
	var objs []*un.Unstructured
	for {
		doc, err := reader.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		u := &un.Unstructured{}
		if err := yaml.Unmarshal(doc, &u.Object); err != nil {
			return err
		}
		if len(u.Object) > 0 {
			objs = append(objs, u)
		}
	}
	crds, err := crd.ConvertToCRDs(objs)
	if err != nil {
		return err
	}
	for _, c := range crds {
		c.APIVersion = "apiextensions.k8s.io/v1"
		c.Kind = "CustomResourceDefinition"
		b, err := yaml.Marshal(c)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "---\n%s", b)
	}
	return nil
}
