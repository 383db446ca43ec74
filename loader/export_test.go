package loader

import (
	"context"

	"github.com/regnet/regnet"
)

// ParseFiles is ParseFilesContext without a deadline, for the tests.
func (l *Loader) ParseFiles(paths ...string) (*regnet.Dataset, error) {
	return l.ParseFilesContext(context.Background(), paths...)
}
