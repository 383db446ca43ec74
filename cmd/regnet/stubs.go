package main

import (
	"context"
	"errors"
	"io"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("serve: not available yet")
}
func cmdReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("report: not available yet")
}
func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("export: not available yet")
}
