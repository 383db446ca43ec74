// Package graph is the GraphQL layer of regnet: gqlgen resolvers over a
// regnet.Store, per-request loaders that batch the store calls of nested
// queries, the error presenter and the query limits.
package graph

//go:generate go run github.com/99designs/gqlgen generate

import "github.com/regnet/regnet"

// Resolver is the root resolver. It holds the store and nothing else: every
// request's state (the loaders) travels in the request context, see For.
type Resolver struct {
	Store regnet.Store
}
