package main

import (
	"context"
	"fmt"
	"io"

	"github.com/regnet/regnet/export"
)

// cmdExport writes the agency network of one province, or of every
// province, for graph tools: GraphML, Cytoscape.js JSON or CSV.
func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", stderr)
	formatName := fs.String("format", "graphml", "output format: graphml, cytoscape or csv")
	province := fs.String("province", "", "province to export, as the documents spell it (default: every province)")
	uri := fs.String("neo4j", "", "Neo4j Bolt URI to read the graph from (default $NEO4J_URI; none: parse the documents)")
	excel := excelFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	format, err := export.ParseFormat(*formatName)
	if err != nil {
		return usagef("%v", err)
	}
	if *excel && format != export.CSV {
		return usagef("--excel is for --format csv, not %s", format)
	}
	store, closeStore, err := reportStore(ctx, *uri, fs)
	if err != nil {
		return err
	}
	defer closeStore()

	var provinces []string
	if *province != "" {
		name, err := knownProvince(ctx, store, *province)
		if err != nil {
			return err
		}
		provinces = []string{name}
	} else {
		list, err := store.Provinces(ctx)
		if err != nil {
			return fmt.Errorf("list provinces: %w", err)
		}
		for _, p := range list {
			provinces = append(provinces, p.Name)
		}
	}
	net, cites, err := export.Network(ctx, store, provinces)
	if err != nil {
		return err
	}
	if err := forExcel(stdout, *excel); err != nil {
		return err
	}
	return export.Write(stdout, format, net, cites)
}
