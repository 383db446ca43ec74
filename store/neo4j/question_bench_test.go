package neo4j_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/regnet/regnet"
)

// The benchmarks below send the store calls the API makes for the
// benchmark questions (loadtest/queries), without HTTP or GraphQL, and
// report, besides the time, the CPU Neo4j spent per question when
// REGNET_NEO4J_HOME names the folder scripts/neo4j started it in (its
// neo4j.pid): the part of a request's cost the store decides.

// neo4jCPU returns a function that reports Neo4j's CPU time per iteration
// since it was called; it reports nothing when Neo4j's pid is unknown.
func neo4jCPU(b *testing.B) func() {
	home := os.Getenv("REGNET_NEO4J_HOME")
	raw, err := os.ReadFile(filepath.Join(home, "neo4j.pid"))
	if home == "" || err != nil {
		return func() {}
	}
	pid := strings.TrimSpace(string(raw))
	start := cpuTicks(pid)
	return func() {
		ms := float64(cpuTicks(pid)-start) * 10
		b.ReportMetric(ms/float64(b.N), "neo4j-cpu-ms/op")
	}
}

// cpuTicks is a process's user and system CPU time in clock ticks.
func cpuTicks(pid string) int64 {
	raw, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(raw[bytes.LastIndexByte(raw, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	s, _ := strconv.ParseInt(f[12], 10, 64)
	return u + s
}

// BenchmarkQuestionStatements sends the store reads of the benchmark
// questions as the API sends them: the agency and province questions one
// page read each (with the texts their selections leave out omitted), and
// the search; with, for comparison, the smallest statements there are.
func BenchmarkQuestionStatements(b *testing.B) {
	s := loadBundled(b)
	nr := s.(regnet.NeighbourhoodReader)
	ctx := context.Background()
	lean := regnet.Omit{Evidence: true, ProvisionText: true}
	cases := []struct {
		name string
		run  func() error
	}{
		{"provinces", func() error { _, err := s.Provinces(ctx); return err }},
		{"agencies", func() error {
			_, err := s.Agencies(ctx, regnet.AgencyFilter{Province: "Điện Biên", Kind: "CUSTOMS"})
			return err
		}},
		{"agency-question", func() error {
			_, err := nr.Neighbourhood(ctx, regnet.NeighbourhoodQuery{Omit: lean, Page: &regnet.AgencyPage{
				Filter: regnet.AgencyFilter{Province: "Điện Biên", Kind: "CUSTOMS"}, First: 5,
				Duties: true, Out: true, In: true, Parents: true,
			}})
			return err
		}},
		{"province-question", func() error {
			_, err := nr.Neighbourhood(ctx, regnet.NeighbourhoodQuery{Omit: lean, Page: &regnet.AgencyPage{
				Filter: regnet.AgencyFilter{Province: "Lạng Sơn"}, First: 100, Duties: true,
			}})
			return err
		}},
		{"search", func() error { _, err := s.Search(ctx, "hai quan", 20); return err }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			done := neo4jCPU(b)
			for b.Loop() {
				if err := c.run(); err != nil {
					b.Fatal(err)
				}
			}
			done()
		})
	}
}
