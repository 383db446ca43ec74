package memory

import (
	"context"
	"sync/atomic"

	"github.com/regnet/regnet"
)

var _ regnet.Versioned = (*Store)(nil)

// versions numbers the stores of this process, so that two stores never
// share a version.
var versions atomic.Int64

// Version is fixed for the life of the store: a memory store's facts never
// change after New.
func (s *Store) Version(ctx context.Context) (int64, error) { return s.version, ctx.Err() }
