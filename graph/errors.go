package graph

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/regnet/regnet"
)

// The extensions.code values of GraphQL errors. The first five map the root
// package's error codes; the rest are about the query itself.
const (
	CodeBadUserInput     = "BAD_USER_INPUT"
	CodeNotFound         = "NOT_FOUND"
	CodeStoreUnavailable = "STORE_UNAVAILABLE"
	CodeInternal         = "INTERNAL_SERVER_ERROR"
	CodeTimeout          = "TIMEOUT"
	// CodeBadRequest is a request gqlgen could not read (a body that is
	// not JSON).
	CodeBadRequest       = "BAD_REQUEST"
	CodeParseFailed      = errcode.ParseFailed      // GRAPHQL_PARSE_FAILED
	CodeValidationFailed = errcode.ValidationFailed // GRAPHQL_VALIDATION_FAILED
	// CodeTooComplex rejects a query that is too deep or too costly.
	CodeTooComplex = "QUERY_TOO_COMPLEX"
)

// codeComplexityLimit is the code gqlgen's complexity extension sets; the
// presenter reports it as CodeTooComplex.
const codeComplexityLimit = "COMPLEXITY_LIMIT_EXCEEDED"

func init() {
	// Rejections of the query itself are protocol errors for gqlgen's
	// transports, answered like parse and validation errors rather than as
	// field errors (for the statuses, see server's overHTTP).
	errcode.RegisterErrorType(CodeTooComplex, errcode.KindProtocol)
	errcode.RegisterErrorType(codeComplexityLimit, errcode.KindProtocol)
}

// Code returns the extensions.code for err: the mapping of regnet.ErrorCode
// at the GraphQL edge. Context errors mean the request ran out of time or
// was abandoned.
func Code(err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return CodeTimeout
	}
	switch regnet.ErrorCode(err) {
	case regnet.EINVALID:
		return CodeBadUserInput
	case regnet.ENOTFOUND:
		return CodeNotFound
	case regnet.EUNAVAILABLE:
		return CodeStoreUnavailable
	default:
		return CodeInternal
	}
}

// ErrorPresenter returns gqlgen's error presenter for regnet: every error
// gets an extensions.code; errors of the root package show their
// user-facing message; anything else shows a generic message and is logged
// with its cause. logger may be nil.
func ErrorPresenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	present := presenter(logger)
	return func(ctx context.Context, err error) *gqlerror.Error {
		e := present(ctx, err)
		e.Message = cutMessage(e.Message)
		return e
	}
}

// maxMessage bounds an error message. Messages quote what the client sent
// (an id, a cursor, a field name), and a 500 KB argument must not come back
// whole, once per error.
const maxMessage = 300

func cutMessage(s string) string {
	if len(s) <= maxMessage {
		return s
	}
	return strings.ToValidUTF8(s[:maxMessage], "") + "…"
}

func presenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		if code, ok := gqlErr.Extensions["code"].(string); ok {
			// gqlgen's own rejections (parse, validation, limits) and
			// errors that already carry a code.
			if code == codeComplexityLimit {
				gqlErr.Extensions["code"] = CodeTooComplex
			}
			return gqlErr
		}
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		cause := gqlErr.Unwrap()
		if cause == nil {
			// gqlgen's own messages, made without a cause: about the
			// request when they have no path (a body that is not JSON),
			// else about a field (a null in a non-null field, a panic).
			// They are safe to show; a request echo is cut short.
			if len(gqlErr.Path) == 0 {
				gqlErr.Extensions["code"] = CodeBadRequest
			} else {
				gqlErr.Extensions["code"] = CodeInternal
			}
			return gqlErr
		}
		code := Code(cause)
		gqlErr.Extensions["code"] = code
		var re *regnet.Error
		switch {
		case errors.As(cause, &re):
			gqlErr.Message = re.Message
			if code == CodeInternal || code == CodeStoreUnavailable {
				logger.ErrorContext(ctx, "graphql field failed", "path", gqlErr.Path.String(), "code", code, "err", cause)
			}
		case code == CodeTimeout:
			gqlErr.Message = "the request ran out of time"
		default:
			logger.ErrorContext(ctx, "graphql field failed", "path", gqlErr.Path.String(), "err", cause)
			gqlErr.Message = "internal error"
		}
		return gqlErr
	}
}

// invalid returns a BAD_USER_INPUT error.
func invalid(format string, args ...any) error {
	return regnet.Errorf(regnet.EINVALID, format, args...)
}

// notFound returns a NOT_FOUND error.
func notFound(format string, args ...any) error {
	return regnet.Errorf(regnet.ENOTFOUND, format, args...)
}
