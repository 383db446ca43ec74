package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/report"
)

const reportUsage = `Usage: regnet report coverage|compare|plan --province P [--with P2] [--as-of YYYY-MM-DD] [--in-force] [--include-drafts] [--format md|csv] [--lang vi|en] [--excel] [--neo4j URI] [FILE|DIR ...]
       regnet report compare-documents --a DOC --b DOC [--format md|csv] [--lang vi|en] [--excel] [--neo4j URI] [FILE|DIR ...]

  coverage  who leads each field and area of province P: gaps and overlaps
  compare   what P has that P2 lacks or words differently, and the reverse (needs --with)
  plan      P's plan actions: amending ones, deadlines passed by --as-of, agencies in one but not the other
  compare-documents  what document --b changes from document --a (ids or numbers, one kind):
            statements added, removed and changed, aligned by agency kind, field and area

With --as-of, coverage and compare read only the facts of the documents in
force on that day (drafts too with --include-drafts) and list those
documents; plan checks the deadlines against that day and, with --in-force,
reads only the plans and quy chế in force on it (today without --as-of).

Reports are written in Vietnamese unless --lang en (or REGNET_LANG=en);
codes stay beside the names, and CSV column names are the same in both.

Reads the bundled documents (or FILE|DIR ...) unless --neo4j or NEO4J_URI
names a graph loaded with "regnet load". Flags come before files.

`

// cmdReport writes one of the drafters' reports to stdout. It only wires
// things together: the analyses live in the root package (analysis.go) and
// the rendering in report/, so that the API and the command line give the
// same answers.
func cmdReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("which report? coverage, compare, plan or compare-documents (see regnet report --help)")
	}
	if a := args[0]; a == "-h" || a == "-help" || a == "--help" || a == "help" {
		fmt.Fprint(stdout, reportUsage)
		return flag.ErrHelp
	}
	kind := args[0]
	switch kind {
	case "coverage", "compare", "plan", "compare-documents":
	default:
		return usagef("unknown report %q: want coverage, compare, plan or compare-documents", kind)
	}
	fs := newFlags("report "+kind, stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, reportUsage)
		fs.PrintDefaults()
	}
	province := fs.String("province", "", `province to report on, as the documents spell it ("Lạng Sơn")`)
	with := fs.String("with", "", "second province (compare only)")
	asOf := fs.String("as-of", "", "YYYY-MM-DD: coverage and compare read the documents in force that day; plan checks deadlines against it (default today)")
	drafts := fs.Bool("include-drafts", false, "with --as-of, coverage and compare read drafts too; so does plan with --in-force")
	inForce := fs.Bool("in-force", false, "plan only: read only the plans and quy chế in force on the --as-of day")
	docA := fs.String("a", "", "first document, by id or number (compare-documents only)")
	docB := fs.String("b", "", "second document, by id or number (compare-documents only)")
	formatName := fs.String("format", "md", "output format: md (Markdown) or csv")
	langName := fs.String("lang", envOr("REGNET_LANG", string(report.Vietnamese)), "language of headings and names: vi or en (default $REGNET_LANG, else vi)")
	uri := fs.String("neo4j", "", "Neo4j Bolt URI to read the graph from (default $NEO4J_URI; none: parse the documents)")
	excel := excelFlag(fs)
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if kind == "compare-documents" {
		if *docA == "" || *docB == "" || *province != "" || *asOf != "" {
			return usagef(`compare-documents takes --a and --b only, e.g. --a 125/KH-UBND --b doc:langson-kehoach-2026-2030`)
		}
	} else if *docA != "" || *docB != "" {
		return usagef("--a and --b are only for compare-documents")
	}
	if *province == "" && kind != "compare-documents" {
		return usagef(`--province is required, e.g. --province "Lạng Sơn"`)
	}
	if kind == "compare" && *with == "" {
		return usagef(`compare needs a second province: --with "Điện Biên"`)
	}
	if kind != "compare" && *with != "" {
		return usagef("--with is only for compare")
	}
	if *inForce && kind != "plan" {
		return usagef("--in-force is only for plan: coverage and compare read the documents in force with --as-of")
	}
	if *drafts && (kind == "plan" && !*inForce || kind != "plan" && *asOf == "") {
		return usagef("--include-drafts is for coverage and compare with --as-of, and for plan with --in-force")
	}
	date := *asOf
	if date == "" {
		date = regnet.Today()
	} else if _, err := time.Parse(time.DateOnly, date); err != nil {
		return usagef("--as-of %q is not a date in the form YYYY-MM-DD", date)
	}
	format, err := report.ParseFormat(*formatName)
	if err != nil {
		return usagef("--format: %v", err)
	}
	lang, err := report.ParseLang(*langName)
	if err != nil {
		return usagef("--lang: %v", err)
	}
	if *excel && format != report.CSV {
		return usagef("--excel is for --format csv, not %s", format)
	}

	store, closeStore, err := reportStore(ctx, *uri, fs)
	if err != nil {
		return err
	}
	defer closeStore()
	if kind == "compare-documents" {
		c, err := regnet.CompareDocuments(ctx, store, *docA, *docB)
		if err != nil {
			return fmt.Errorf("compare document %s with %s: %w", *docA, *docB, err)
		}
		return report.Renderer{Store: store, Format: format, Lang: lang}.CompareDocuments(ctx, stdout, c)
	}
	p, err := knownProvince(ctx, store, *province)
	if err != nil {
		return err
	}
	if *asOf != "" && kind != "plan" || *inForce {
		v, err := regnet.AsOf(ctx, store, date, *drafts)
		if err != nil {
			return fmt.Errorf("documents in force on %s: %w", date, err)
		}
		store = v
	}
	if err := forExcel(stdout, *excel); err != nil {
		return err
	}
	r := report.Renderer{Store: store, Format: format, Lang: lang}
	switch kind {
	case "coverage":
		rows, err := regnet.LeadCoverage(ctx, store, p)
		if err != nil {
			return fmt.Errorf("lead coverage of %s: %w", p, err)
		}
		return r.Coverage(ctx, stdout, p, rows)
	case "compare":
		q, err := knownProvince(ctx, store, *with)
		if err != nil {
			return err
		}
		c, err := regnet.CompareProvinces(ctx, store, p, q)
		if err != nil {
			return fmt.Errorf("compare %s with %s: %w", p, q, err)
		}
		return r.Compare(ctx, stdout, c)
	default:
		plans, err := regnet.TrackPlans(ctx, store, p, date)
		if err != nil {
			return fmt.Errorf("track the plans of %s: %w", p, err)
		}
		return r.Plans(ctx, stdout, plans)
	}
}
