package neo4j

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/data/datatest"
	"github.com/regnet/regnet/loader"
)

// evidenceCases are texts decodeEvidence must read exactly as
// encoding/json does: what evidenceJSON writes, escapes that send it to
// encoding/json, and texts outside the shape.
var evidenceCases = []string{
	`[]`,
	`[{"tag":"ROLE","value":"LEAD","start":0,"end":8,"words":"Chủ trì"}]`,
	`[{"tag":"ROLE","value":"LEAD","start":0,"end":8,"words":"Chủ trì"},{"tag":"PARTNER","value":"agency:x","start":12,"end":20,"words":"Hải quan"}]`,
	`[{"tag":"AREA","value":"BORDER","start":3,"end":4,"words":"a \"quoted\" \u003cword\u003e"}]`,
	`[{"words":"order does not matter","end":2,"start":1,"value":"v","tag":"t"}]`,
	`[{"tag":"x","start":-1,"end":0,"value":"","words":""}]`,
	`[{"Tag":"case","value":"v","start":1,"end":2,"words":"w"}]`,
	`[{"tag":"x","start":1.5,"end":2,"value":"","words":""}]`,
	`[{"tag":"x","start":01,"end":2,"value":"","words":""}]`,
	`[{"tag":"x","other":"y","start":1,"end":2,"value":"","words":""}]`,
	`[{"tag":1,"start":1,"end":2,"value":"","words":""}]`,
	`[{"tag":"x"},]`,
	`[{"tag":"x"}`,
	`[ {"tag":"x"} ]`,
	`null`,
	`{}`,
	`[{"tag":"x","start":99999999999999999999}]`,
	`not json`,
}

func TestDecodeEvidenceReadsAsEncodingJSON(t *testing.T) {
	for _, s := range evidenceCases {
		checkEvidence(t, s)
	}
}

func FuzzDecodeEvidence(f *testing.F) {
	for _, s := range evidenceCases {
		f.Add(s)
	}
	f.Fuzz(checkEvidence)
}

func checkEvidence(t *testing.T, s string) {
	var want []regnet.Evidence
	if json.Unmarshal([]byte(s), &want) != nil {
		want = nil
	}
	if got := decodeEvidence(s); !reflect.DeepEqual(got, want) {
		t.Errorf("decodeEvidence(%q) = %#v, encoding/json reads %#v", s, got, want)
	}
}

// TestEvidenceRoundTrip: every bundled duty's evidence, written by
// evidenceJSON, reads back the same through the fast path.
func TestEvidenceRoundTrip(t *testing.T) {
	n := 0
	for _, d := range bundledDuties(t) {
		s, _ := evidenceJSON(d.ID, d.Evidence).(string)
		if s == "" {
			continue
		}
		var want []regnet.Evidence
		if err := json.Unmarshal([]byte(s), &want); err != nil {
			t.Fatal(err)
		}
		got, ok := scanEvidence(s)
		if ok {
			n++
		}
		if !reflect.DeepEqual(decodeEvidence(s), want) {
			t.Errorf("duty %s: evidence reads back as %#v, want %#v", d.ID, got, want)
		}
	}
	if n == 0 {
		t.Error("no bundled duty's evidence took the fast path")
	}
}

func bundledDuties(tb testing.TB) []regnet.Duty {
	files, err := datatest.Repeated(1)
	if err != nil {
		tb.Fatal(err)
	}
	var inputs []loader.Input
	for _, f := range files {
		inputs = append(inputs, loader.Input{Name: f.Name, Data: f.Data})
	}
	ds, err := loader.New().Parse(inputs...)
	if err != nil {
		tb.Fatal(err)
	}
	return ds.Duties
}

// BenchmarkToDuty turns every bundled duty's node properties, as the
// driver hands them over, into a regnet.Duty.
func BenchmarkToDuty(b *testing.B) {
	var nodes []props
	for _, d := range bundledDuties(b) {
		p := props(dutyProps(d, "doc"))
		for k, v := range p {
			if xs, ok := v.([]string); ok { // the driver gives lists as []any
				ys := make([]any, len(xs))
				for i, x := range xs {
					ys[i] = x
				}
				p[k] = ys
			}
		}
		nodes = append(nodes, p)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range nodes {
			_ = toDuty(p)
		}
	}
}
