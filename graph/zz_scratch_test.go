package graph

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/regnet/regnet/data"
	"github.com/regnet/regnet/loader"
	"github.com/regnet/regnet/store/memory"
)

func TestZZScratch(t *testing.T) {
	ds, err := loader.New().ParseFS(data.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	st := memory.New(ds)
	b, err := MeasureBounds(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(b.Map())
	schema := NewSchema(st).Schema()
	files, _ := filepath.Glob("/work/shared/queries/*.graphql")
	files = append(files, "/tmp/wt12scratch/q.graphql")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		doc, err := parser.ParseQuery(&ast.Source{Input: string(src)})
		if err != nil {
			t.Fatal(err)
		}
		if errs := validator.Validate(schema, doc); len(errs) > 0 {
			t.Fatal(errs)
		}
		fmt.Println(filepath.Base(f), Cost(doc.Operations[0].SelectionSet, nil, b), CountDocument(doc), Depth(doc.Operations[0].SelectionSet))
	}
}
