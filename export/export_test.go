package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/data"
	"github.com/regnet/regnet/export"
	"github.com/regnet/regnet/loader"
	"github.com/regnet/regnet/store/memory"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// bundledNetwork is Điện Biên's network from the bundled documents.
func bundledNetwork(t *testing.T) (*regnet.Network, map[string]string) {
	t.Helper()
	ds, err := loader.New().ParseFS(data.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	n, cites, err := export.Network(t.Context(), memory.New(ds), []string{"Điện Biên"})
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Nodes) == 0 || len(n.Edges) == 0 {
		t.Fatalf("network with %d nodes and %d edges", len(n.Nodes), len(n.Edges))
	}
	return n, cites
}

func TestGolden(t *testing.T) {
	n, cites := bundledNetwork(t)
	for _, tc := range []struct {
		format export.Format
		file   string
	}{
		{export.GraphML, "dienbien.graphml"},
		{export.Cytoscape, "dienbien.cytoscape.json"},
		{export.CSV, "dienbien.csv"},
	} {
		t.Run(string(tc.format), func(t *testing.T) {
			var b bytes.Buffer
			if err := export.Write(&b, tc.format, n, cites); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./export -update to create it)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from the output (go test ./export -update rewrites it)", path)
			}
		})
	}
}

// customsRule is the gold handoff of Điện Biên's customs (seeds.yaml):
// leaving the customs zone, it notifies these kinds under this provision.
var customsRule = struct {
	provision string
	notifies  []string
}{"Điều 5 khoản 12 điểm c", []string{"POLICE", "BORDER_GUARD", "MARKET_MANAGEMENT"}}

func TestGraphML(t *testing.T) {
	n, cites := bundledNetwork(t)
	var b bytes.Buffer
	if err := export.Write(&b, export.GraphML, n, cites); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Graph struct {
			Nodes []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Data   []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	if len(doc.Graph.Nodes) != len(n.Nodes) || len(doc.Graph.Edges) != len(n.Edges) {
		t.Errorf("%d nodes and %d edges, want %d and %d", len(doc.Graph.Nodes), len(doc.Graph.Edges), len(n.Nodes), len(n.Edges))
	}
	kind := map[string]string{}
	for _, x := range doc.Graph.Nodes {
		for _, d := range x.Data {
			if d.Key == "kind" {
				kind[x.ID] = d.Value
			}
		}
	}
	var notified []string
	for _, e := range doc.Graph.Edges {
		if kind[e.Source] == "" || kind[e.Target] == "" {
			t.Errorf("edge %s -> %s: an end is not a node", e.Source, e.Target)
		}
		var typ, provs string
		for _, d := range e.Data {
			switch d.Key {
			case "type":
				typ = d.Value
			case "provisions":
				provs = d.Value
			}
		}
		if kind[e.Source] == "CUSTOMS" && typ == "HANDS_OFF_TO" && strings.Contains(provs, customsRule.provision) {
			notified = append(notified, kind[e.Target])
		}
	}
	slices.Sort(notified)
	want := slices.Clone(customsRule.notifies)
	slices.Sort(want)
	if !slices.Equal(notified, want) {
		t.Errorf("customs hands off to %v under %s, want %v", notified, customsRule.provision, want)
	}
}

func TestCytoscape(t *testing.T) {
	n, cites := bundledNetwork(t)
	var b bytes.Buffer
	if err := export.Write(&b, export.Cytoscape, n, cites); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Elements struct {
			Nodes []struct{ Data map[string]any }
			Edges []struct{ Data map[string]any }
		}
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if len(doc.Elements.Nodes) != len(n.Nodes) || len(doc.Elements.Edges) != len(n.Edges) {
		t.Fatalf("%d nodes and %d edges, want %d and %d", len(doc.Elements.Nodes), len(doc.Elements.Edges), len(n.Nodes), len(n.Edges))
	}
	// Cytoscape desktop labels a node by its "name".
	for _, v := range doc.Elements.Nodes {
		if name, _ := v.Data["name"].(string); name == "" || name != v.Data["label"] {
			t.Errorf("node %v: name %q, want its label", v.Data["id"], name)
		}
	}
	for _, e := range doc.Elements.Edges {
		for _, key := range []string{"id", "source", "target", "type", "provisions"} {
			if _, ok := e.Data[key]; !ok {
				t.Fatalf("edge %v lacks %s", e.Data, key)
			}
		}
	}
}

func TestCSV(t *testing.T) {
	n, cites := bundledNetwork(t)
	var b bytes.Buffer
	if err := export.Write(&b, export.CSV, n, cites); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v", err)
	}
	if !slices.Equal(rows[0], export.CSVColumns) {
		t.Fatalf("header %v, want %v", rows[0], export.CSVColumns)
	}
	col := func(name string) int { return slices.Index(export.CSVColumns, name) }
	seen := map[string]bool{}
	var notified []string
	for _, r := range rows[1:] {
		seen[r[col("source_id")]] = true
		seen[r[col("target_id")]] = true
		if r[col("source_kind")] == "CUSTOMS" && r[col("link_type")] == "HANDS_OFF_TO" && strings.Contains(r[col("provisions")], customsRule.provision) {
			notified = append(notified, r[col("target_kind")])
		}
		if r[col("link_type")] != "" && r[col("link_type")] != "PART_OF" && r[col("link_type")] != "SUCCEEDED_BY" && r[col("provisions")] == "" {
			t.Errorf("link %v without provisions", r)
		}
	}
	for _, x := range n.Nodes {
		if !seen[x.ID] {
			t.Errorf("agency %s is in no row", x.ID)
		}
	}
	slices.Sort(notified)
	want := slices.Clone(customsRule.notifies)
	slices.Sort(want)
	if !slices.Equal(notified, want) {
		t.Errorf("customs hands off to %v under %s, want %v", notified, customsRule.provision, want)
	}
}

func TestParseFormat(t *testing.T) {
	for _, s := range []string{"graphml", "GraphML", "cytoscape", "csv"} {
		if _, err := export.ParseFormat(s); err != nil {
			t.Errorf("ParseFormat(%q): %v", s, err)
		}
	}
	if _, err := export.ParseFormat("dot"); err == nil {
		t.Error("ParseFormat(dot): no error")
	}
}
