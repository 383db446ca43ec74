package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/data"
	"github.com/regnet/regnet/loader"
)

const usage = `regnet reads Vietnamese coordination rules (quy chế phối hợp) and plans
(kế hoạch) into a graph of agencies, duties and handoff rules, and serves it.

Usage:
  regnet parse [--json] [FILE|DIR ...]      parse documents, print what was read
  regnet load [--neo4j URI] [FILE|DIR ...]  parse and write to Neo4j
  regnet serve [--addr HOST:PORT] [--neo4j URI] [FILE|DIR ...]  GraphQL API, GraphiQL and the explorer
  regnet report coverage|compare|plan --province P [--with P2] [--format md|csv] [--excel]
  regnet export [--format graphml|cytoscape|csv] [--excel] [--province P]  the agency network for graph tools
  regnet --version                          print the version

Without FILE, the bundled documents are used. Configuration by flags, with
environment fallbacks: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD,
NEO4J_DATABASE, REGNET_ADDR, REGNET_CORS_ORIGINS.
`

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the work failed
	exitUsage = 2 // the command line was wrong
)

// Run runs the regnet command line and returns its exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "parse":
		err = cmdParse(ctx, args[1:], stdout, stderr)
	case "load":
		err = cmdLoad(ctx, args[1:], stdout, stderr)
	case "serve":
		err = cmdServe(ctx, args[1:], stdout, stderr)
	case "report":
		err = cmdReport(ctx, args[1:], stdout, stderr)
	case "export":
		err = cmdExport(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "regnet %s\n", buildVersion())
		return exitOK
	default:
		fmt.Fprintf(stderr, "regnet: unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "regnet %s: %s\n", args[0], redact(err.Error()))
		return exitUsage
	default:
		fmt.Fprintf(stderr, "regnet %s: %s\n", args[0], redact(err.Error()))
		return exitError
	}
}

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// newFlags returns a flag set that reports errors instead of exiting. Every
// command that may read documents takes --max-file-size.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("regnet "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.String("max-file-size", envOr("REGNET_MAX_FILE_SIZE", "20MB"),
		"largest document file read, in bytes or with KB or MB (default $REGNET_MAX_FILE_SIZE, else 20MB)")
	return fs
}

// fileLimit returns the --max-file-size of fs in bytes.
func fileLimit(fs *flag.FlagSet) (int64, error) {
	f := fs.Lookup("max-file-size")
	if f == nil {
		return loader.DefaultMaxFileBytes, nil
	}
	n, err := parseBytes(f.Value.String())
	if err != nil {
		return 0, usagef("--max-file-size (or REGNET_MAX_FILE_SIZE): %v", err)
	}
	return n, nil
}

// parseBytes reads a size: a number of bytes, or one with a KB or MB
// suffix (powers of 1024).
func parseBytes(s string) (int64, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"MB", 1 << 20}, {"KB", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return 0, fmt.Errorf("%q is not a size such as 20MB, 512KB or 1048576", s)
	}
	return n * mult, nil
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}

// parseInputs parses the files and folders fs names (every .txt, .docx,
// .pdf and .html inside), or the bundled documents when there are none.
// Files larger than --max-file-size, and anything but regular files, are
// refused by name.
func parseInputs(ctx context.Context, fs *flag.FlagSet) (*regnet.Dataset, error) {
	paths := fs.Args()
	limit, err := fileLimit(fs)
	if err != nil {
		return nil, err
	}
	l := loader.New()
	l.MaxFileBytes = limit
	if len(paths) == 0 {
		return l.ParseFS(data.FS, ".")
	}
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p, err)
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p, err)
		}
		var found []string
		for _, e := range entries {
			if !e.IsDir() && loader.IsDocumentName(e.Name()) {
				found = append(found, filepath.Join(p, e.Name()))
			}
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: no .txt documents in this folder (nor .docx, .pdf, .html)", p)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return l.ParseFilesContext(ctx, files...)
}

func envOr(name, def string) string {
	if v := strings.TrimSpace(os.Getenv(name)); v != "" {
		return v
	}
	return def
}
