package neo4j

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/regnet/regnet"
)

// Tests that need no server.

func TestLuceneQuery(t *testing.T) {
	tests := []struct{ text, want string }{
		{"hai quan", "+hai +quan"},
		{"Hải QUAN", "+hai +quan"},
		{"Điện Biên", "+dien +bien"},
		// Lucene's syntax is cut away with the other non-word characters.
		{`83/2025/QĐ-UBND`, "+83 +2025 +qd +ubnd"},
		{`a AND (b OR "c") NOT d~ e* f?`, "+a +and +b +or +c +not +d +e +f"},
		{" ,.; ", ""},
	}
	for _, tc := range tests {
		if got := luceneQuery(tokens(tc.text)); got != tc.want {
			t.Errorf("luceneQuery(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestEscapeLucene(t *testing.T) {
	in := `a+b-c!d(e)f:g^h[i]j"k{l}m~n*o?p|q&r/s\t`
	want := `a\+b\-c\!d\(e\)f\:g\^h\[i\]j\"k\{l\}m\~n\*o\?p\|q\&r\/s\\t`
	if got := escapeLucene(in); got != want {
		t.Errorf("escapeLucene(%q) = %q, want %q", in, got, want)
	}
}

func TestSearchText(t *testing.T) {
	got := searchText("Điều 7 khoản 4.", "Công an tỉnh (Phòng PC03); IV.2.1")
	want := "dieu 7 khoan 4 cong an tinh phong pc03 iv 2 1"
	if got != want {
		t.Errorf("searchText = %q, want %q", got, want)
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("một ba ", 10) + "Chi cục Hải quan khu vực VI" + strings.Repeat(" bốn năm", 10)
	tests := []struct {
		texts []string
		word  string
		want  string
	}{
		{[]string{"Cục Hải quan", "Tổng cục Hải quan"}, "hai", "Cục Hải quan"},
		{[]string{"Sở Công Thương", "UBND tỉnh"}, "ubnd", "UBND tỉnh"},
		{[]string{"", "Công an tỉnh:"}, "an", "Công an tỉnh:"},
		{[]string{long}, "hai", "… một ba một ba một ba một ba một ba Chi cục Hải quan khu vực VI bốn năm bốn năm bốn năm bốn năm …"},
	}
	for _, tc := range tests {
		got := snippet(tc.texts, tc.word)
		if got != tc.want {
			t.Errorf("snippet(%q, %q) = %q, want %q", tc.texts, tc.word, got, tc.want)
		}
		if !strings.Contains(regnet.Fold(got), tc.word) {
			t.Errorf("snippet %q does not hold %q", got, tc.word)
		}
	}
}

func TestSchemaStatements(t *testing.T) {
	stmts := schemaStatements(schema)
	if len(stmts) < 20 {
		t.Fatalf("schema.cypher has %d statements, want one per constraint and index", len(stmts))
	}
	for _, s := range stmts {
		if !strings.Contains(s, "IF NOT EXISTS") {
			t.Errorf("statement is not idempotent: %s", s)
		}
		if strings.Contains(s, ";") || strings.Contains(s, "//") {
			t.Errorf("statement holds a separator or comment: %s", s)
		}
	}
	for _, label := range []string{"Document", "Provision", "Province", "Agency", "Duty", "Handoff", "PlanAction", "Target", "Schedule"} {
		want := "FOR (n:" + label + ") REQUIRE n.id IS UNIQUE"
		if !strings.Contains(schema, want) {
			t.Errorf("no uniqueness constraint on %s ids", label)
		}
	}
}

func TestStoreError(t *testing.T) {
	tests := []struct {
		name string
		err  error
		code string
	}{
		{"connectivity", &neo4j.ConnectivityError{Inner: errors.New("EOF")}, regnet.EUNAVAILABLE},
		{"retries ran out on a lost connection", &neo4j.TransactionExecutionLimit{
			Cause: "timeout", Errors: []error{&neo4j.ConnectivityError{Inner: errors.New("EOF")}}}, regnet.EUNAVAILABLE},
		{"retries ran out on a deadlock", &neo4j.TransactionExecutionLimit{
			Cause: "timeout", Errors: []error{&neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected"}}}, regnet.EINTERNAL},
		{"database unavailable", &neo4j.Neo4jError{Code: "Neo.TransientError.General.DatabaseUnavailable"}, regnet.EUNAVAILABLE},
		{"syntax error", &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError"}, regnet.EINTERNAL},
		{"wrapped", fmt.Errorf("run: %w", &neo4j.ConnectivityError{Inner: errors.New("EOF")}), regnet.EUNAVAILABLE},
		{"coded error keeps its code", regnet.Errorf(regnet.EINVALID, "bad"), regnet.EINVALID},
	}
	for _, tc := range tests {
		err := storeError("doing", tc.err)
		if code := regnet.ErrorCode(err); code != tc.code {
			t.Errorf("%s: code %q, want %q", tc.name, code, tc.code)
		}
		if !strings.Contains(err.Error(), "doing") {
			t.Errorf("%s: %q does not say what failed", tc.name, err)
		}
		if !errors.Is(err, tc.err) {
			t.Errorf("%s: the cause is lost", tc.name)
		}
	}
	if storeError("doing", nil) != nil {
		t.Error("storeError(nil) is not nil")
	}
	err := storeError("doing", context.Canceled)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled call: %v, want context.Canceled", err)
	}
}

func TestPlanIsStable(t *testing.T) {
	// Two plans of the same dataset run the same statements with the same
	// rows, whatever the order of map iteration: a retried transaction
	// does the same work.
	ds := &regnet.Dataset{
		Provinces: []regnet.Province{{ID: "province:a", Name: "A"}, {ID: "province:b", Name: "B"}},
		Agencies: []regnet.Agency{
			{ID: "agency:a:X", Name: "X", Province: "A"},
			{ID: "agency:b:Y", Name: "Y", Province: "B"},
			{ID: "agency:c:Z", Name: "Z", Province: "C"},
		},
		Documents: []regnet.Document{{ID: "doc:1", BasedOn: []string{"1/A", "2/B", "3/C"}}},
	}
	a, err := plan(ds, 2)
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		b, err := plan(ds, 2)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(a.steps) != fmt.Sprint(b.steps) {
			t.Fatal("two plans of one dataset differ")
		}
	}
}
