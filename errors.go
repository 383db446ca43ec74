package regnet

import (
	"errors"
	"fmt"
)

// Error codes. The GraphQL API maps each to one extensions.code (graph's
// error presenter); the command line exits 1 for any of them (2 is kept for
// a wrong command line), and tells EUNAVAILABLE apart only in its message.
const (
	EINVALID     = "invalid"     // bad input from the caller
	ENOTFOUND    = "not_found"   // the thing asked for does not exist
	EUNAVAILABLE = "unavailable" // the store cannot be reached
	EINTERNAL    = "internal"    // a bug or an unexpected failure
)

// Error is an error with a code and a message safe to show to users.
type Error struct {
	Code    string
	Message string
	Err     error // the cause, for logs; may be nil
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Message, e.Err)
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Unavailable wraps a store's connection failure.
func Unavailable(err error) *Error {
	return &Error{Code: EUNAVAILABLE, Message: "the store is unavailable", Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
