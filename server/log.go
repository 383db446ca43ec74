package server

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// requestInfo collects what the request log line reports and only the inner
// handlers know: the GraphQL operation's name.
type requestInfo struct {
	mu        sync.Mutex
	operation string
}

func (i *requestInfo) setOperation(name string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.operation = cut(name, maxLoggedName)
}

// maxLoggedName bounds an operation name in the log: a client chooses it,
// and a megabyte of name would be a megabyte of log line.
const maxLoggedName = 100

// cut shortens s to at most n bytes of valid UTF-8, marking the cut.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}

func (i *requestInfo) getOperation() string {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.operation
}

type requestInfoKey struct{}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests logs one line per request: method, path, status, duration,
// size and, for GraphQL, the operation name.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &requestInfo{}
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, info)))
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		attrs := []any{
			"method", r.Method,
			"path", r.URL.Path,
			"status", sw.status,
			"duration", time.Since(start),
			"bytes", sw.bytes,
		}
		if op := info.getOperation(); op != "" {
			attrs = append(attrs, "operation", op)
		}
		s.log.InfoContext(r.Context(), "request", attrs...)
	})
}

// operationName is a gqlgen extension that hands the operation's name to
// the request log: the name the client gave, else the one in the document.
type operationName struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
	graphql.OperationContextMutator
} = operationName{}

func (operationName) ExtensionName() string                   { return "OperationName" }
func (operationName) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters records the name the client sent, so that even
// a rejected operation is logged by name.
func (operationName) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if info, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok && p.OperationName != "" {
		info.setOperation(p.OperationName)
	}
	return nil
}

// MutateOperationContext records the name in the parsed document.
func (operationName) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if info, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok && opCtx.Operation != nil && opCtx.Operation.Name != "" {
		info.setOperation(opCtx.Operation.Name)
	}
	return nil
}
