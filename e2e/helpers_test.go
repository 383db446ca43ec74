package e2e_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"golang.org/x/text/unicode/norm"

	"github.com/regnet/regnet/server/servertest"
)

// queriesDir holds the client queries of the API contract, sent unchanged.
const queriesDir = "../graph/testdata/queries"

// readQuery returns the text of a contract query file.
func readQuery(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(queriesDir, file))
	if err != nil {
		t.Fatalf("read contract query: %v", err)
	}
	return string(b)
}

// checkVariables fails the test when the query declares a variable that
// vars does not give: a client file that gains a variable must get one here
// too, rather than silently run on its default.
func checkVariables(t *testing.T, query string, vars map[string]any) {
	t.Helper()
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		t.Fatalf("parse query: %v", err)
	}
	for _, op := range doc.Operations {
		for _, v := range op.VariableDefinitions {
			if _, ok := vars[v.Variable]; !ok && v.DefaultValue == nil {
				t.Errorf("operation %s declares $%s, which the test does not give", op.Name, v.Variable)
			}
		}
	}
}

// run sends query with vars and decodes its data into out, failing the
// test on any HTTP status but 200 or any GraphQL error.
func run(t *testing.T, srv *servertest.Server, query string, vars map[string]any, out any) {
	t.Helper()
	srv.MustQuery(t, query, vars).Decode(t, out)
}

// The types below decode the answers. Each holds the union of the fields
// the queries ask for; fields a query does not ask for stay zero.

type agency struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Kind        string     `json:"kind"`
	Level       string     `json:"level"`
	Province    *named     `json:"province"`
	Parent      *named     `json:"parent"`
	Duties      []duty     `json:"duties"`
	HandoffsOut []*handoff `json:"handoffsOut"`
	HandoffsIn  []*handoff `json:"handoffsIn"`
}

type named struct {
	Name string `json:"name"`
}

type code struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type document struct {
	ID     string  `json:"id"`
	Number *string `json:"number"`
	Kind   string  `json:"kind"`
	Title  string  `json:"title"`
	Status string  `json:"status"`
	Period []int   `json:"period"`
}

type provision struct {
	ID       string    `json:"id"`
	Path     string    `json:"path"`
	Text     string    `json:"text"`
	Document *document `json:"document"`
}

type duty struct {
	Role      string     `json:"role"`
	Text      string     `json:"text"`
	Fields    []code     `json:"fields"`
	Areas     []code     `json:"areas"`
	Partners  []agency   `json:"partners"`
	Provision *provision `json:"provision"`
}

type handoff struct {
	ID          string     `json:"id"`
	From        *agency    `json:"from"`
	Notifies    []agency   `json:"notifies"`
	TransfersTo []agency   `json:"transfersTo"`
	Actions     []string   `json:"actions"`
	Leaving     []code     `json:"leaving"`
	Entering    []code     `json:"entering"`
	Condition   string     `json:"condition"`
	Provision   *provision `json:"provision"`
}

type chainHop struct {
	Depth   int     `json:"depth"`
	Handoff handoff `json:"handoff"`
}

type deadline struct {
	Raw       string  `json:"raw"`
	Kind      string  `json:"kind"`
	Date      *string `json:"date"`
	Precision *string `json:"precision"`
	End       *string `json:"end"`
}

type planAction struct {
	ID            string     `json:"id"`
	Group         string     `json:"group"`
	Text          string     `json:"text"`
	Deadline      deadline   `json:"deadline"`
	Output        string     `json:"output"`
	Leads         []agency   `json:"leads"`
	Coordinators  []agency   `json:"coordinators"`
	Amends        []document `json:"amends"`
	AmendsNumbers []string   `json:"amendsNumbers"`
	Document      *document  `json:"document"`
	Provision     *provision `json:"provision"`
}

type pageInfo struct {
	HasNextPage bool    `json:"hasNextPage"`
	EndCursor   *string `json:"endCursor"`
}

type agencyConnection struct {
	TotalCount int `json:"totalCount"`
	Edges      []struct {
		Cursor string `json:"cursor"`
		Node   agency `json:"node"`
	} `json:"edges"`
	PageInfo pageInfo `json:"pageInfo"`
}

type planActionConnection struct {
	TotalCount int `json:"totalCount"`
	Edges      []struct {
		Node planAction `json:"node"`
	} `json:"edges"`
	PageInfo pageInfo `json:"pageInfo"`
}

// nodes returns the actions of a connection that must hold every match on
// its one page.
func (c planActionConnection) nodes(t *testing.T) []planAction {
	t.Helper()
	if c.PageInfo.HasNextPage || c.TotalCount != len(c.Edges) {
		t.Fatalf("%d plan actions match but the page holds %d (hasNextPage %v): the checks need them all",
			c.TotalCount, len(c.Edges), c.PageInfo.HasNextPage)
	}
	out := make([]planAction, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node
	}
	return out
}

type searchHit struct {
	Type    string  `json:"type"`
	ID      string  `json:"id"`
	Title   string  `json:"title"`
	Snippet string  `json:"snippet"`
	Score   float64 `json:"score"`
}

type leadRow struct {
	Field      *code       `json:"field"`
	Area       *code       `json:"area"`
	Leads      []agency    `json:"leads"`
	Provisions []provision `json:"provisions"`
	Gap        bool        `json:"gap"`
	Overlap    bool        `json:"overlap"`
}

type comparison struct {
	AgencyKindsOnlyInA []string     `json:"agencyKindsOnlyInA"`
	AgencyKindsOnlyInB []string     `json:"agencyKindsOnlyInB"`
	HandoffsOnlyInA    []handoff    `json:"handoffsOnlyInA"`
	HandoffsOnlyInB    []handoff    `json:"handoffsOnlyInB"`
	RoleDifferences    []roleChange `json:"roleDifferences"`
}

type roleChange struct {
	Kind       string     `json:"kind"`
	Field      *code      `json:"field"`
	RoleInA    *string    `json:"roleInA"`
	RoleInB    *string    `json:"roleInB"`
	ProvisionA *provision `json:"provisionA"`
	ProvisionB *provision `json:"provisionB"`
}

type network struct {
	Nodes []networkNode `json:"nodes"`
	Edges []networkEdge `json:"edges"`
}

type networkNode struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Kind  string `json:"kind"`
}

type networkEdge struct {
	ID         string `json:"id"`
	Source     string `json:"source"`
	Target     string `json:"target"`
	Type       string `json:"type"`
	Label      string `json:"label"`
	Provisions []struct {
		Path     string `json:"path"`
		Document struct {
			Number string `json:"number"`
		} `json:"document"`
	} `json:"provisions"`
}

type planReport struct {
	Province             string       `json:"province"`
	AsOf                 string       `json:"asOf"`
	Overdue              []planAction `json:"overdue"`
	DutiesWithoutActions []agency     `json:"dutiesWithoutActions"`
	LeadsWithoutDuties   []agency     `json:"leadsWithoutDuties"`
	Amending             []planAction `json:"amending"`
}

// kinds returns the agencies' kinds, sorted, once each.
func kinds(as []agency) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Kind)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// codes returns the entries' codes.
func codes(cs []code) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Code)
	}
	return out
}

// sameSet reports whether a and b hold the same strings, ignoring order and
// repeats.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

// missing returns the elements of want that have is not holding.
func missing(have, want []string) []string {
	var out []string
	for _, w := range want {
		if !slices.Contains(have, w) {
			out = append(out, w)
		}
	}
	return out
}

// sameName compares names as a reader would: ignoring case ("Hải Quan Khu
// vực" is "Hải quan khu vực") and Unicode normal form.
func sameName(a, b string) bool {
	return strings.EqualFold(norm.NFC.String(a), norm.NFC.String(b))
}

// startsWith reports whether text begins with the gold text, in NFC and
// ignoring a leading "+ " (the gold file keeps the table's bullets).
func startsWith(text, gold string) bool {
	gold = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(gold), "+"))
	return strings.HasPrefix(norm.NFC.String(strings.TrimSpace(text)), norm.NFC.String(gold))
}

// str shows an optional string in messages.
func str(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%q", *s)
}
