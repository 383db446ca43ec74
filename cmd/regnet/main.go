// Command regnet reads Vietnamese coordination rules and plans into a graph
// and serves it. See `regnet help`.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/regnet/regnet/server"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	stopOnSignal(cancel, os.Stderr, graceFor(os.Args[1:]))
	os.Exit(Run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// exitSignal is the exit code after an interrupt (128 + SIGINT).
const exitSignal = 130

// stopOnSignal makes Ctrl-C and SIGTERM stop the command: the first cancels
// the context every command runs under (serve shuts down, reads and loads
// stop), and the process exits when grace has passed or at a second signal,
// whatever the command was doing.
func stopOnSignal(cancel context.CancelFunc, stderr io.Writer, grace time.Duration) {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sig
		cancel()
		select {
		case <-sig:
		case <-time.After(grace):
		}
		fmt.Fprintf(stderr, "regnet: stopped by %v\n", s)
		os.Exit(exitSignal)
	}()
}

// graceFor is how long a command may take to stop once asked: serve lets
// requests in flight finish, the others have nothing worth waiting for.
func graceFor(args []string) time.Duration {
	if len(args) > 0 && args[0] == "serve" {
		return server.DefaultShutdownTimeout + time.Second
	}
	return time.Second
}
