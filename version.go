package regnet

import "context"

// Versioned is a store whose facts change only when a load commits. Version
// names the facts a store holds: it changes, in the same transaction, with
// every load, so an answer computed at one version stays right until the
// version changes. Servers cache answers per version (see server.Config's
// CacheBytes); every server reading the same database sees the same
// version, so a cluster of them drops its caches together after a load.
type Versioned interface {
	Version(ctx context.Context) (int64, error)
}
