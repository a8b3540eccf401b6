// Command fn-run sends one RunFunctionRequest to a running composition function and prints its response.
//
// `crossplane render` neither passes the observed connection details of composed resources to a function nor prints
// the connection details the function returns for the composite resource (see Render in the crossplane CLI's render
// package). The tests need both to check what reaches a claim's connection Secret, so they send the same request
// Crossplane sends through this client, to the same function process that `crossplane render` talks to.
//
// Usage: fn-run --target 127.0.0.1:PORT < request.json > response.json
// Both documents are protobuf JSON (protojson) of apiextensions.fn.proto.v1 RunFunctionRequest / RunFunctionResponse.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/encoding/protojson"
)

func main() {
	target := flag.String("target", "", "gRPC target of the function, e.g. 127.0.0.1:9443 (the function runs with --insecure)")
	timeout := flag.Duration("timeout", 30*time.Second, "how long to wait for the response")
	flag.Parse()
	if err := run(*target, *timeout, os.Stdin, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "fn-run: %v\n", err)
		os.Exit(1)
	}
}

func run(target string, timeout time.Duration, in io.Reader, out io.Writer) error {
	if target == "" {
		return fmt.Errorf("--target is required")
	}
	body, err := io.ReadAll(in)
	if err != nil {
		return fmt.Errorf("cannot read the request: %w", err)
	}
	req := &fnv1.RunFunctionRequest{}
	if err := protojson.Unmarshal(body, req); err != nil {
		return fmt.Errorf("cannot parse the request: %w", err)
	}
	conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return fmt.Errorf("cannot connect to %s: %w", target, err)
	}
	defer conn.Close() //nolint:errcheck // Nothing to do about it.
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	rsp, err := fnv1.NewFunctionRunnerServiceClient(conn).RunFunction(ctx, req)
	if err != nil {
		return fmt.Errorf("RunFunction at %s: %w", target, err)
	}
	js, err := protojson.Marshal(rsp)
	if err != nil {
		return fmt.Errorf("cannot print the response: %w", err)
	}
	_, err = out.Write(append(js, '\n'))
	return err
}
