package memory_test

import (
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/store/memory"
	"github.com/regnet/regnet/store/storetest"
)

func BenchmarkSearch(b *testing.B) {
	s := memory.New(storetest.Fixture())
	for _, q := range []string{"hai quan", "cong an", "quan ly thi truong"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Search(b.Context(), q, 20); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkHandoffChain(b *testing.B) {
	s := memory.New(storetest.Fixture())
	q := regnet.ChainQuery{Province: "Lạng Sơn", Leaving: "CUSTOMS_ZONE", MaxDepth: 10}
	for b.Loop() {
		if _, err := s.HandoffChain(b.Context(), q); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCoordinationPaths(b *testing.B) {
	s := memory.New(storetest.Fixture())
	for b.Loop() {
		if _, err := s.CoordinationPaths(b.Context(), "agency:lang-son:CUSTOMS", "agency:dien-bien:POLICE", 6); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNew(b *testing.B) {
	ds := storetest.Fixture()
	for b.Loop() {
		memory.New(ds)
	}
}
