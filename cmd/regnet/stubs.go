package main

import (
	"context"
	"errors"
	"io"
)

func cmdReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("report: not available yet")
}
