package graph

import (
	"context"
	"fmt"

	"github.com/regnet/regnet"
)

// timeView reads the asOf and includeDrafts arguments of a field that shows
// facts. Without a date it returns nil: the field shows every document's
// facts. With one, the store narrowed to the documents in force that day
// (regnet.AsOf), built on the request's documents, which are read once.
func (r *Resolver) timeView(ctx context.Context, asOf *string, includeDrafts *bool) (*regnet.TimeView, error) {
	day, err := checkDate("asOf", asOf)
	if err != nil || day == "" {
		return nil, err
	}
	docs, err := r.loaders(ctx).AllDocuments(ctx)
	if err != nil {
		return nil, fmt.Errorf("documents in force on %s: %w", day, err)
	}
	return regnet.NewTimeView(r.Store, docs, day, includeDrafts != nil && *includeDrafts)
}

// storeAsOf is the store a field that shows facts reads: the time view with
// a date, the whole store without one.
func (r *Resolver) storeAsOf(ctx context.Context, asOf *string, includeDrafts *bool) (regnet.Store, error) {
	v, err := r.timeView(ctx, asOf, includeDrafts)
	if err != nil || v == nil {
		return r.Store, err
	}
	return v, nil
}

// keepAsOf narrows a list loaded for every document to the facts of the
// documents in force on asOf; without a date it returns the list.
func keepAsOf[T any](ctx context.Context, r *Resolver, asOf *string, includeDrafts *bool, list []T, keep func(*regnet.TimeView, []T) []T) ([]T, error) {
	v, err := r.timeView(ctx, asOf, includeDrafts)
	if err != nil || v == nil {
		return list, err
	}
	return keep(v, list), nil
}
