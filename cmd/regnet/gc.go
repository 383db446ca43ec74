package main

import (
	"log/slog"
	"os"
	"runtime/debug"
	"strconv"
)

// serveGCPercent is the garbage collector's target for `regnet serve`
// where GOGC is not set. A request allocates a few hundred kilobytes that
// die with it, and against the live heap of a server (a few megabytes
// without answers cached) Go's default of 100 collects after every few
// requests. At 400 the server's CPU per request fell by a fifth on the
// agency question (docs/benchmarks.md); the heap then grows to about five
// times what is live, which serveMemoryLimit bounds.
const serveGCPercent = 400

// serveMemoryBase is the memory limit above the answer cache's bound, where
// GOMEMLIMIT is not set: past it the collector runs as often as it must to
// stay under, whatever serveGCPercent allows.
const serveMemoryBase = 256 << 20

// tuneGC sets serve's garbage collection, leaving alone what the GOGC and
// GOMEMLIMIT environment variables set.
func tuneGC(cacheBytes int64, log *slog.Logger) {
	percent, limit := os.Getenv("GOGC"), os.Getenv("GOMEMLIMIT")
	if percent == "" {
		debug.SetGCPercent(serveGCPercent)
		percent = strconv.Itoa(serveGCPercent)
	}
	if limit == "" {
		bytes := int64(serveMemoryBase) + 2*max(cacheBytes, 0)
		debug.SetMemoryLimit(bytes)
		limit = strconv.FormatInt(bytes, 10)
	}
	log.Info("gc", "gogc", percent, "gomemlimit", limit)
}
