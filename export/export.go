// Package export writes agency networks in the formats graph tools read:
// GraphML (Gephi, yEd, NetworkX), Cytoscape.js JSON (web front ends) and
// CSV (one row per link, for spreadsheets). Every link keeps the
// provisions that state it, cited as "83/2025/QĐ-UBND, Điều 7 khoản 4
// điểm c", so that a drawing can always be traced back to the text.
package export

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/regnet/regnet"
)

// Format is an output format.
type Format string

// The formats Write knows.
const (
	GraphML   Format = "graphml"
	Cytoscape Format = "cytoscape"
	CSV       Format = "csv"
)

// ParseFormat reads a format name.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case GraphML, Cytoscape, CSV:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q: use graphml, cytoscape or csv", s)
}

// Network returns the networks of the given provinces merged into one (an
// agency named in two provinces' documents is one node), and the citation
// of every provision its links name.
func Network(ctx context.Context, s regnet.Store, provinces []string) (*regnet.Network, map[string]string, error) {
	merged := &regnet.Network{Nodes: []*regnet.NetworkNode{}, Edges: []*regnet.NetworkEdge{}}
	nodes, edges := map[string]bool{}, map[string]bool{}
	for _, p := range provinces {
		n, err := regnet.BuildNetwork(ctx, s, p)
		if err != nil {
			return nil, nil, fmt.Errorf("network of %s: %w", p, err)
		}
		for _, x := range n.Nodes {
			if !nodes[x.ID] {
				nodes[x.ID] = true
				merged.Nodes = append(merged.Nodes, x)
			}
		}
		for _, e := range n.Edges {
			if !edges[e.ID] {
				edges[e.ID] = true
				merged.Edges = append(merged.Edges, e)
			}
		}
	}
	sort.Slice(merged.Nodes, func(i, j int) bool { return merged.Nodes[i].ID < merged.Nodes[j].ID })
	sort.Slice(merged.Edges, func(i, j int) bool { return merged.Edges[i].ID < merged.Edges[j].ID })
	cites, err := citations(ctx, s, merged)
	if err != nil {
		return nil, nil, err
	}
	return merged, cites, nil
}

// citations looks up the provisions and documents the links name, in two
// store calls.
func citations(ctx context.Context, s regnet.Store, n *regnet.Network) (map[string]string, error) {
	var ids []string
	for _, e := range n.Edges {
		ids = append(ids, e.Provisions...)
	}
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	provs, err := s.Provisions(ctx, regnet.ProvisionFilter{IDs: ids})
	if err != nil {
		return nil, fmt.Errorf("provisions of the links: %w", err)
	}
	var docIDs []string
	for _, p := range provs {
		docIDs = append(docIDs, p.Document)
	}
	docs, err := s.Documents(ctx, regnet.DocumentFilter{IDs: docIDs})
	if err != nil {
		return nil, fmt.Errorf("documents of the links: %w", err)
	}
	names := map[string]string{}
	for _, d := range docs {
		names[d.ID] = d.Title
		if d.Number != nil {
			names[d.ID] = *d.Number
		} else if d.Source.File != "" {
			names[d.ID] = d.Source.File // a draft without a number
		}
	}
	for _, p := range provs {
		out[p.ID] = names[p.Document] + ", " + p.Path
	}
	return out, nil
}

// Write writes n in format f. cites maps provision ids to citations; a
// provision without one is written as its id.
func Write(w io.Writer, f Format, n *regnet.Network, cites map[string]string) error {
	cite := func(ids []string) []string {
		out := make([]string, len(ids))
		for i, id := range ids {
			if c, ok := cites[id]; ok {
				out[i] = c
			} else {
				out[i] = id
			}
		}
		return out
	}
	switch f {
	case GraphML:
		return writeGraphML(w, n, cite)
	case Cytoscape:
		return writeCytoscape(w, n, cite)
	case CSV:
		return writeCSV(w, n, cite)
	}
	return fmt.Errorf("unknown format %q", f)
}

// GraphML's XML: attribute keys declared once, then nodes and edges.
type (
	graphML struct {
		XMLName xml.Name     `xml:"graphml"`
		XMLNS   string       `xml:"xmlns,attr"`
		Keys    []graphMLKey `xml:"key"`
		Graph   graphMLGraph `xml:"graph"`
	}
	graphMLKey struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	}
	graphMLGraph struct {
		ID          string        `xml:"id,attr"`
		EdgeDefault string        `xml:"edgedefault,attr"`
		Nodes       []graphMLNode `xml:"node"`
		Edges       []graphMLEdge `xml:"edge"`
	}
	graphMLNode struct {
		ID   string        `xml:"id,attr"`
		Data []graphMLData `xml:"data"`
	}
	graphMLEdge struct {
		ID     string        `xml:"id,attr"`
		Source string        `xml:"source,attr"`
		Target string        `xml:"target,attr"`
		Data   []graphMLData `xml:"data"`
	}
	graphMLData struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	}
)

func writeGraphML(w io.Writer, n *regnet.Network, cite func([]string) []string) error {
	doc := graphML{
		XMLNS: "http://graphml.graphdrawing.org/xmlns",
		Keys: []graphMLKey{
			{ID: "label", For: "node", Name: "label", Type: "string"},
			{ID: "kind", For: "node", Name: "kind", Type: "string"},
			{ID: "type", For: "edge", Name: "type", Type: "string"},
			{ID: "elabel", For: "edge", Name: "label", Type: "string"},
			{ID: "provisions", For: "edge", Name: "provisions", Type: "string"},
		},
		Graph: graphMLGraph{ID: "regnet", EdgeDefault: "directed"},
	}
	for _, x := range n.Nodes {
		doc.Graph.Nodes = append(doc.Graph.Nodes, graphMLNode{ID: x.ID, Data: []graphMLData{
			{Key: "label", Value: x.Label}, {Key: "kind", Value: x.Kind},
		}})
	}
	for _, e := range n.Edges {
		doc.Graph.Edges = append(doc.Graph.Edges, graphMLEdge{ID: e.ID, Source: e.Source, Target: e.Target, Data: []graphMLData{
			{Key: "type", Value: e.Type}, {Key: "elabel", Value: e.Label},
			{Key: "provisions", Value: strings.Join(cite(e.Provisions), "; ")},
		}})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write GraphML: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// cytoscapeElement is one element of Cytoscape.js's JSON: its data.
type cytoscapeElement struct {
	Data map[string]any `json:"data"`
}

func writeCytoscape(w io.Writer, n *regnet.Network, cite func([]string) []string) error {
	var out struct {
		Elements struct {
			Nodes []cytoscapeElement `json:"nodes"`
			Edges []cytoscapeElement `json:"edges"`
		} `json:"elements"`
	}
	out.Elements.Nodes = []cytoscapeElement{}
	out.Elements.Edges = []cytoscapeElement{}
	for _, x := range n.Nodes {
		out.Elements.Nodes = append(out.Elements.Nodes, cytoscapeElement{Data: map[string]any{
			// Cytoscape desktop labels nodes by "name"; web front ends read "label".
			"id": x.ID, "name": x.Label, "label": x.Label, "kind": x.Kind,
		}})
	}
	for _, e := range n.Edges {
		out.Elements.Edges = append(out.Elements.Edges, cytoscapeElement{Data: map[string]any{
			"id": e.ID, "source": e.Source, "target": e.Target, "type": e.Type, "label": e.Label,
			"provisions": cite(e.Provisions),
		}})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write Cytoscape JSON: %w", err)
	}
	return nil
}

// CSVColumns are the columns of the CSV export: one row per link, both
// ends named; an agency without links has a row of its own with the target
// columns empty.
var CSVColumns = []string{
	"source_id", "source_name", "source_kind", "link_type", "link_label",
	"target_id", "target_name", "target_kind", "provisions",
}

func writeCSV(w io.Writer, n *regnet.Network, cite func([]string) []string) error {
	byID := map[string]*regnet.NetworkNode{}
	for _, x := range n.Nodes {
		byID[x.ID] = x
	}
	linked := map[string]bool{}
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVColumns); err != nil {
		return err
	}
	for _, e := range n.Edges {
		s, t := byID[e.Source], byID[e.Target]
		if s == nil || t == nil {
			continue
		}
		linked[s.ID], linked[t.ID] = true, true
		if err := cw.Write([]string{s.ID, s.Label, s.Kind, e.Type, e.Label, t.ID, t.Label, t.Kind, strings.Join(cite(e.Provisions), "; ")}); err != nil {
			return err
		}
	}
	for _, x := range n.Nodes {
		if !linked[x.ID] {
			if err := cw.Write([]string{x.ID, x.Label, x.Kind, "", "", "", "", "", ""}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}
