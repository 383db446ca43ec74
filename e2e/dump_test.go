package e2e_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/server/servertest"
)

func TestDump(t *testing.T) {
	files, _ := filepath.Glob("../graph/testdata/queries/*.graphql")
	forEachStore(t, func(t *testing.T, srv *servertest.Server, _ regnet.Store) {
		for _, f := range files {
			b, _ := os.ReadFile(f)
			r := srv.Query(t, string(b), nil)
			var buf bytes.Buffer
			json.Indent(&buf, r.Data, "", " ")
			os.WriteFile("/tmp/e2edump/"+t.Name()[9:]+"-"+filepath.Base(f)+".json", buf.Bytes(), 0o644)
			t.Logf("%s: %d errors %v", f, len(r.Errors), r.Errors)
		}
	})
}
