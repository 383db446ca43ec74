package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/regnet/regnet"
)

// cmdParse prints what the loader reads: the whole result as JSON, or a
// short summary per document.
func cmdParse(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("parse", stderr)
	asJSON := fs.Bool("json", false, "print the whole result as one JSON object")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	ds, err := parseInputs(ctx, fs)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(ds)
	}
	printSummary(stdout, ds)
	return nil
}

// printSummary writes one block per document: what it is and how many facts
// were read from it, then its warnings.
func printSummary(w io.Writer, ds *regnet.Dataset) {
	docOf := regnet.DocumentOf
	type tally struct{ provisions, duties, handoffs, actions, targets, schedules int }
	counts := map[string]*tally{}
	for _, d := range ds.Documents {
		counts[d.ID] = &tally{}
	}
	for _, p := range ds.Provisions {
		counts[p.Document].provisions++
	}
	for _, d := range ds.Duties {
		counts[docOf(d.Provision)].duties++
	}
	for _, h := range ds.Handoffs {
		counts[docOf(h.Provision)].handoffs++
	}
	for _, a := range ds.PlanActions {
		counts[a.Document].actions++
	}
	for _, t := range ds.Targets {
		counts[t.Document].targets++
	}
	for _, x := range ds.Schedules {
		if c := counts[docOf(x.Provision)]; c != nil {
			c.schedules++
		}
	}
	for _, d := range ds.Documents {
		number := "(no number)"
		if d.Number != nil {
			number = *d.Number
		}
		where := d.Province
		if where == "" {
			where = "national"
		}
		date := ""
		if d.Issued != nil {
			date = " " + *d.Issued
		}
		c := counts[d.ID]
		fmt.Fprintf(w, "%s: %s %s (%s, %s%s)\n", d.Source.File, d.Kind, number, where, d.Status, date)
		fmt.Fprintf(w, "  %d provisions, %d duties, %d handoff rules, %d plan actions, %d targets, %d schedules\n",
			c.provisions, c.duties, c.handoffs, c.actions, c.targets, c.schedules)
		n := 0
		for _, wn := range ds.Warnings {
			if wn.File == d.Source.File {
				n++
			}
		}
		if n > 0 {
			fmt.Fprintf(w, "  %d warnings:\n", n)
			for _, wn := range ds.Warnings {
				if wn.File == d.Source.File {
					fmt.Fprintf(w, "    line %d: %s\n", wn.Line, wn.Message)
				}
			}
		}
	}
	fmt.Fprintf(w, "%d documents, %d agencies, %d duties, %d handoff rules, %d plan actions, %d targets, %d schedules, %d warnings\n",
		len(ds.Documents), len(ds.Agencies), len(ds.Duties), len(ds.Handoffs), len(ds.PlanActions), len(ds.Targets), len(ds.Schedules), len(ds.Warnings))
}
