package e2e_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/server/servertest"
)

// check checks one answer from a store's server; st is the store behind it,
// asked directly for what the answer must agree with.
type check func(t *testing.T, r *servertest.Response, st regnet.Store)

// contractQuery pairs a client query file with its variables and its check.
type contractQuery struct {
	file  string
	vars  map[string]any
	check check
}

// contract lists every client query file. None of them declares variables
// today; checkVariables says when one starts to.
var contract = []contractQuery{
	{"handoff_chain.graphql", nil, checkHandoffChain},
	{"search.graphql", nil, checkSearch},
	{"network.graphql", nil, checkNetworkDienBien},
	{"agency.graphql", nil, checkAgency},
	{"lead_coverage.graphql", nil, checkLeadCoverage},
	{"compare.graphql", nil, checkCompare},
	{"plan_actions.graphql", nil, checkPlanActions},
}

// TestContractQueries sends every client query file unchanged to each
// store's server and checks the answer against the gold facts.
func TestContractQueries(t *testing.T) {
	files, err := os.ReadDir(queriesDir)
	if err != nil {
		t.Fatalf("list contract queries: %v", err)
	}
	var names []string
	for _, f := range files {
		if strings.HasSuffix(f.Name(), ".graphql") {
			names = append(names, f.Name())
		}
	}
	for _, c := range contract {
		if !slices.Contains(names, c.file) {
			t.Errorf("%s has a check but is not in %s", c.file, queriesDir)
		}
	}
	for _, name := range names {
		if !slices.ContainsFunc(contract, func(c contractQuery) bool { return c.file == name }) {
			t.Errorf("%s/%s has no end-to-end check: add one to contract", queriesDir, name)
		}
	}

	for _, c := range contract {
		t.Run(strings.TrimSuffix(c.file, ".graphql"), func(t *testing.T) {
			query := readQuery(t, c.file)
			checkVariables(t, query, c.vars)
			forEachStore(t, func(t *testing.T, srv *servertest.Server, st regnet.Store) {
				c.check(t, srv.MustQuery(t, query, c.vars), st)
			})
		})
	}
}

// checkHandoffChain: goods leaving Lạng Sơn's customs zone. The first hop
// is the customs office's rule of Điều 7 khoản 4 điểm c; every later hop is
// a rule started by an agency a hop one level up notified or transferred
// to, and the rules of the agencies customs notifies follow at depth 2,
// except those for goods entering the customs zone again.
func checkHandoffChain(t *testing.T, r *servertest.Response, st regnet.Store) {
	var got struct {
		HandoffChain []chainHop `json:"handoffChain"`
	}
	r.Decode(t, &got)
	hops := got.HandoffChain
	if len(hops) == 0 {
		t.Fatal("empty handoff chain")
	}

	gold := langSonHandoffs["CUSTOMS"]
	first := hops[0].Handoff
	if hops[0].Depth != 1 {
		t.Errorf("first hop at depth %d, want 1", hops[0].Depth)
	}
	if first.From == nil || first.From.Kind != gold.from || !sameName(first.From.Name, langSonCustoms) {
		t.Errorf("first hop starts at %+v, want %s %q", first.From, gold.from, langSonCustoms)
	}
	if got := kinds(first.Notifies); !sameSet(got, gold.notifies) {
		t.Errorf("first hop notifies %v, want %v", got, gold.notifies)
	}
	if !sameSet(first.Actions, gold.actions) {
		t.Errorf("first hop actions %v, want %v", first.Actions, gold.actions)
	}
	if p := first.Provision; p == nil || p.Path != gold.provision || p.Text == "" ||
		p.Document == nil || p.Document.Number == nil || *p.Document.Number != qc83 {
		t.Errorf("first hop provision %+v, want %q of %s with its text", p, gold.provision, qc83)
	}

	// reached[d] holds the agencies the hops at depth d notify or transfer to.
	reached := map[int][]string{}
	seen := map[string]bool{}
	for i, h := range hops {
		ho := h.Handoff
		if h.Depth < 1 || h.Depth > 3 {
			t.Errorf("hop %s at depth %d, want 1 to maxDepth 3", ho.ID, h.Depth)
		}
		if i > 0 {
			prev := hops[i-1]
			if prev.Depth > h.Depth || prev.Depth == h.Depth && prev.Handoff.ID >= ho.ID {
				t.Errorf("hop %d (%d, %s) after (%d, %s): want order by depth, then id",
					i, h.Depth, ho.ID, prev.Depth, prev.Handoff.ID)
			}
		}
		if seen[ho.ID] {
			t.Errorf("rule %s appears twice", ho.ID)
		}
		seen[ho.ID] = true
		if h.Depth == 1 && !slices.Contains(codes(ho.Leaving), "CUSTOMS_ZONE") {
			t.Errorf("first hop %s leaves %v, not CUSTOMS_ZONE", ho.ID, codes(ho.Leaving))
		}
		if ho.Provision == nil || ho.Provision.Path == "" || ho.Provision.Document == nil {
			t.Errorf("hop %s has no provision with its document: %+v", ho.ID, ho.Provision)
		}
		for _, a := range append(slices.Clone(ho.Notifies), ho.TransfersTo...) {
			reached[h.Depth] = append(reached[h.Depth], a.ID)
		}
	}
	for _, h := range hops {
		if h.Depth > 1 && (h.Handoff.From == nil || !slices.Contains(reached[h.Depth-1], h.Handoff.From.ID)) {
			t.Errorf("hop %s at depth %d starts at %+v, which no hop at depth %d notifies or transfers to (%v)",
				h.Handoff.ID, h.Depth, h.Handoff.From, h.Depth-1, reached[h.Depth-1])
		}
	}

	// The chain goes on: each agency customs notifies starts its own rule,
	// in the goods' direction of travel (the query's default): a rule for
	// goods entering the customs zone the goods just left is not taken.
	entersZone := enteringCustomsZone(t, st)
	for _, kind := range gold.notifies {
		next := langSonHandoffs[kind]
		inChain := slices.ContainsFunc(hops, func(h chainHop) bool {
			return h.Depth == 2 && h.Handoff.From != nil && h.Handoff.From.Kind == kind &&
				h.Handoff.Provision != nil && h.Handoff.Provision.Path == next.provision
		})
		switch back := entersZone[next.provision]; {
		case back && inChain:
			t.Errorf("the rule of %s under %q is for goods entering the customs zone, yet the chain leaving it takes it", kind, next.provision)
		case !back && !inChain:
			t.Errorf("no hop at depth 2 from %s under %q", kind, next.provision)
		}
	}
}

// enteringCustomsZone returns, by provision path, whether each of Lạng
// Sơn's quy chế's handoff rules is for goods entering the customs zone.
func enteringCustomsZone(t *testing.T, st regnet.Store) map[string]bool {
	t.Helper()
	hs, err := st.Handoffs(t.Context(), regnet.HandoffFilter{Province: langSon})
	if err != nil {
		t.Fatalf("handoffs of %s: %v", langSon, err)
	}
	var ids []string
	for _, h := range hs {
		ids = append(ids, h.Provision)
	}
	ps, err := st.Provisions(t.Context(), regnet.ProvisionFilter{IDs: ids})
	if err != nil {
		t.Fatalf("provisions of the handoffs of %s: %v", langSon, err)
	}
	path := map[string]string{}
	for _, p := range ps {
		path[p.ID] = p.Path
	}
	out := map[string]bool{}
	for _, h := range hs {
		out[path[h.Provision]] = out[path[h.Provision]] || slices.Contains(h.Entering, "CUSTOMS_ZONE")
	}
	return out
}

// checkSearch: "hai quan" without diacritics finds the customs offices of
// both provinces, and they come before every hit that is not an agency.
func checkSearch(t *testing.T, r *servertest.Response, st regnet.Store) {
	var got struct {
		Search []searchHit `json:"search"`
	}
	r.Decode(t, &got)
	hits := got.Search
	firstOther := slices.IndexFunc(hits, func(h searchHit) bool { return h.Type != regnet.HitAgency })
	if firstOther < 0 {
		t.Fatalf("no hit but agencies in %d hits: the provisions naming customs are missing", len(hits))
	}
	for i, h := range hits {
		if i > firstOther && h.Type == regnet.HitAgency {
			t.Errorf("agency %s at %d after a %s hit at %d", h.ID, i, hits[firstOther].Type, firstOther)
		}
		if i > 0 && h.Score > hits[i-1].Score {
			t.Errorf("hit %d scores %v, above the hit before it (%v)", i, h.Score, hits[i-1].Score)
		}
	}

	for _, p := range []struct{ province, name string }{{langSon, langSonCustoms}, {dienBien, dienBienCustoms}} {
		customs, err := st.Agencies(t.Context(), regnet.AgencyFilter{Province: p.province, Kind: "CUSTOMS"})
		if err != nil {
			t.Fatalf("customs agencies of %s: %v", p.province, err)
		}
		if !slices.ContainsFunc(customs, func(a *regnet.Agency) bool { return sameName(a.Name, p.name) }) {
			t.Errorf("the store has no CUSTOMS agency %q in %s", p.name, p.province)
		}
		for _, a := range customs {
			if !strings.Contains(regnet.Fold(a.Name), "hai quan") {
				continue // named otherwise: the query need not find it
			}
			i := slices.IndexFunc(hits, func(h searchHit) bool { return h.ID == a.ID })
			switch {
			case i < 0:
				t.Errorf("%s's customs agency %s (%q) not found", p.province, a.ID, a.Name)
			case hits[i].Type != regnet.HitAgency || hits[i].Title != a.Name:
				t.Errorf("hit %+v for %s, want type AGENCY titled %q", hits[i], a.ID, a.Name)
			case i > firstOther:
				t.Errorf("%s's customs agency %s at %d, after a %s hit at %d", p.province, a.ID, i, hits[firstOther].Type, firstOther)
			}
		}
	}
}

// checkNetworkDienBien checks network.graphql, which asks for Điện Biên.
func checkNetworkDienBien(t *testing.T, r *servertest.Response, st regnet.Store) {
	var got struct {
		Network network `json:"network"`
	}
	r.Decode(t, &got)
	checkNetwork(t, got.Network, st, dienBien, dienBienCustomsHandoff)
}

// checkNetwork: every agency of the province is a node, with its name and
// kind; every edge joins two nodes; each handoff rule of the province gives
// HANDS_OFF_TO edges and each duty naming a partner a COORDINATES_WITH edge;
// the gold customs rule is among them.
func checkNetwork(t *testing.T, net network, st regnet.Store, province string, customs goldHandoff) {
	t.Helper()
	ctx := t.Context()
	agencies, err := st.Agencies(ctx, regnet.AgencyFilter{Province: province})
	if err != nil {
		t.Fatalf("agencies of %s: %v", province, err)
	}
	if len(agencies) == 0 {
		t.Fatalf("the store has no agency in %s", province)
	}
	kindOf := map[string]string{} // node id -> kind
	for _, n := range net.Nodes {
		if kindOf[n.ID] != "" {
			t.Errorf("node %s twice", n.ID)
		}
		kindOf[n.ID] = n.Kind
	}
	inProvince := map[string]bool{}
	for _, a := range agencies {
		inProvince[a.ID] = true
		i := slices.IndexFunc(net.Nodes, func(n networkNode) bool { return n.ID == a.ID })
		if i < 0 {
			t.Errorf("agency %s (%s) of %s is not a node", a.ID, a.Name, province)
			continue
		}
		if n := net.Nodes[i]; n.Kind != a.Kind || n.Label == "" {
			t.Errorf("node %+v for agency %s of kind %s", n, a.ID, a.Kind)
		}
	}

	type link struct{ typ, source, target string }
	links := map[link]bool{}
	ids := map[string]bool{}
	for _, e := range net.Edges {
		if kindOf[e.Source] == "" || kindOf[e.Target] == "" {
			t.Errorf("edge %s joins %s and %s, not both nodes", e.ID, e.Source, e.Target)
		}
		if ids[e.ID] {
			t.Errorf("edge id %s twice", e.ID)
		}
		ids[e.ID] = true
		links[link{e.Type, e.Source, e.Target}] = true
	}

	handoffs, err := st.Handoffs(ctx, regnet.HandoffFilter{Province: province})
	if err != nil {
		t.Fatalf("handoffs of %s: %v", province, err)
	}
	duties, err := st.Duties(ctx, regnet.DutyFilter{Province: province})
	if err != nil {
		t.Fatalf("duties of %s: %v", province, err)
	}
	want := map[link]string{} // the edge -> the record it comes from
	for _, h := range handoffs {
		for _, to := range append(slices.Clone(h.Notifies), h.TransfersTo...) {
			want[link{regnet.StepHandsOffTo, h.From, to}] = h.ID
		}
	}
	for _, d := range duties {
		for _, p := range d.Partners {
			want[link{regnet.StepCoordinatesWith, d.Agency, p}] = d.ID
		}
	}
	count := map[string]int{}
	for l, from := range want {
		if !inProvince[l.source] || !inProvince[l.target] || l.source == l.target {
			continue
		}
		count[l.typ]++
		if !links[l] {
			t.Errorf("no %s edge %s -> %s, which %s states", l.typ, l.source, l.target, from)
		}
	}
	for _, typ := range []string{regnet.StepHandsOffTo, regnet.StepCoordinatesWith} {
		if count[typ] == 0 {
			t.Errorf("the store gives %s no %s link to draw", province, typ)
		}
	}

	for _, kind := range customs.notifies {
		found := false
		for l := range links {
			found = found || l.typ == regnet.StepHandsOffTo && kindOf[l.source] == customs.from && kindOf[l.target] == kind
		}
		if !found {
			t.Errorf("no HANDS_OFF_TO edge from %s to %s (%s)", customs.from, kind, customs.provision)
		}
	}
}

// checkAgency: Điện Biên's customs office, with its duties under Điều 5
// khoản 12 of the draft quy chế, each traced to its provision and document,
// and its handoff rules out and in.
func checkAgency(t *testing.T, r *servertest.Response, st regnet.Store) {
	var got struct {
		Agencies agencyConnection `json:"agencies"`
	}
	r.Decode(t, &got)
	want, err := st.Agencies(t.Context(), regnet.AgencyFilter{Province: dienBien, Kind: "CUSTOMS"})
	if err != nil {
		t.Fatalf("customs agencies of %s: %v", dienBien, err)
	}
	conn := got.Agencies
	if conn.TotalCount != len(want) || len(conn.Edges) != len(want) {
		t.Errorf("totalCount %d with %d edges, the store has %d", conn.TotalCount, len(conn.Edges), len(want))
	}
	var a *agency
	for i, e := range conn.Edges {
		if i < len(want) && e.Node.ID != want[i].ID {
			t.Errorf("edge %d is %s, want %s (ordered by id)", i, e.Node.ID, want[i].ID)
		}
		if e.Cursor == "" {
			t.Errorf("edge %d has no cursor", i)
		}
		if sameName(e.Node.Name, dienBienCustoms) {
			a = &conn.Edges[i].Node
		}
	}
	if a == nil {
		t.Fatalf("no agency named %q among %+v", dienBienCustoms, conn.Edges)
	}
	if a.Kind != "CUSTOMS" || a.Level == "" || a.Province == nil || a.Province.Name != dienBien {
		t.Errorf("agency %s: kind %s, level %q, province %+v", a.ID, a.Kind, a.Level, a.Province)
	}

	// duties: Điện Biên, CUSTOMS, "Điều 5 khoản 12", 4 duties; documents:
	// the draft is unnumbered.
	const khoan = "Điều 5 khoản 12"
	stated := 0
	for _, d := range a.Duties {
		p := d.Provision
		if p == nil || p.Path == "" || p.Document == nil || p.Document.Status == "" || d.Text == "" {
			t.Errorf("duty %q without provenance: provision %+v", d.Text, p)
			continue
		}
		if p.Path != khoan && !strings.HasPrefix(p.Path, khoan+" ") {
			continue
		}
		stated++
		if p.Document.Status != regnet.StatusDraft || p.Document.Number != nil {
			t.Errorf("duty under %s: document status %s number %s, want the unnumbered draft",
				p.Path, p.Document.Status, str(p.Document.Number))
		}
	}
	if stated != 4 {
		t.Errorf("%d duties under %s, want 4", stated, khoan)
	}
	// leads: Điện Biên, CUSTOMS_CONTROL in CUSTOMS_ZONE, "Điều 5 khoản 12 điểm a".
	if !slices.ContainsFunc(a.Duties, func(d duty) bool {
		return d.Role == regnet.RoleLead && d.Provision != nil && d.Provision.Path == khoan+" điểm a" &&
			slices.Contains(codes(d.Fields), "CUSTOMS_CONTROL") && slices.Contains(codes(d.Areas), "CUSTOMS_ZONE")
	}) {
		t.Errorf("no LEAD duty in CUSTOMS_CONTROL and CUSTOMS_ZONE under %s điểm a", khoan)
	}

	gold := dienBienCustomsHandoff
	if !slices.ContainsFunc(a.HandoffsOut, func(h *handoff) bool {
		return h.Provision != nil && h.Provision.Path == gold.provision && sameSet(kinds(h.Notifies), gold.notifies)
	}) {
		t.Errorf("handoffsOut %+v lack the rule of %s notifying %v", a.HandoffsOut, gold.provision, gold.notifies)
	}
	// Điện Biên's border guard notifies customs (handoffs: Điện Biên).
	if !slices.ContainsFunc(a.HandoffsIn, func(h *handoff) bool { return h.From != nil && h.From.Kind == "BORDER_GUARD" }) {
		t.Errorf("handoffsIn %+v lack the border guard's rule", a.HandoffsIn)
	}
}

// checkLeadCoverage: the rows are consistent (gap: no lead; overlap: more
// than one), and food safety in Lạng Sơn is led by the three agencies the
// gold file names, each under its provision.
func checkLeadCoverage(t *testing.T, r *servertest.Response, _ regnet.Store) {
	var got struct {
		LeadCoverage []leadRow `json:"leadCoverage"`
	}
	r.Decode(t, &got)
	var food *leadRow
	for i, row := range got.LeadCoverage {
		if row.Field == nil {
			t.Errorf("row %d has no field", i)
			continue
		}
		what := row.Field.Code
		if row.Area != nil {
			what += "/" + row.Area.Code
		}
		if row.Gap != (len(row.Leads) == 0) || row.Overlap != (len(row.Leads) > 1) {
			t.Errorf("%s: %d leads, gap %v, overlap %v", what, len(row.Leads), row.Gap, row.Overlap)
		}
		if len(row.Leads) > 0 && len(row.Provisions) == 0 {
			t.Errorf("%s: leads without provisions", what)
		}
		if row.Field.Code == "FOOD_SAFETY" && row.Area == nil {
			food = &got.LeadCoverage[i]
		}
	}
	if food == nil {
		t.Fatal("no row for FOOD_SAFETY without an area")
	}
	var paths []string
	for _, p := range food.Provisions {
		paths = append(paths, p.Path)
	}
	for _, g := range langSonFoodSafety {
		if !slices.Contains(kinds(food.Leads), g.kind) {
			t.Errorf("FOOD_SAFETY leads %v lack %s", kinds(food.Leads), g.kind)
		}
		if !slices.Contains(paths, g.provision) {
			t.Errorf("FOOD_SAFETY provisions %v lack %q (%s)", paths, g.provision, g.kind)
		}
	}
}

// checkCompare: Lạng Sơn against Điện Biên, as the gold file's comments
// say: handoff rules from POLICE and MARKET_MANAGEMENT only in Lạng Sơn,
// INSPECTORATE and ECONOMIC_ZONE_AUTHORITY only there, FATHERLAND_FRONT
// only in Điện Biên, and the State Bank co-ordinating forex and gold in
// Lạng Sơn but leading it in Điện Biên, with the provisions of both sides.
func checkCompare(t *testing.T, r *servertest.Response, _ regnet.Store) {
	var got struct {
		CompareProvinces comparison `json:"compareProvinces"`
	}
	r.Decode(t, &got)
	c := got.CompareProvinces

	if m := missing(c.AgencyKindsOnlyInA, []string{"INSPECTORATE", "ECONOMIC_ZONE_AUTHORITY"}); len(m) > 0 {
		t.Errorf("agency kinds only in %s %v lack %v", langSon, c.AgencyKindsOnlyInA, m)
	}
	if m := missing(c.AgencyKindsOnlyInB, []string{"FATHERLAND_FRONT"}); len(m) > 0 {
		t.Errorf("agency kinds only in %s %v lack %v", dienBien, c.AgencyKindsOnlyInB, m)
	}
	for _, k := range c.AgencyKindsOnlyInA {
		if slices.Contains(c.AgencyKindsOnlyInB, k) {
			t.Errorf("agency kind %s only in both provinces", k)
		}
	}

	fromKinds := func(hs []handoff) []string {
		var out []string
		for _, h := range hs {
			if h.From == nil || h.Provision == nil || h.Provision.Path == "" {
				t.Errorf("handoff without its initiator or provision: %+v", h)
				continue
			}
			out = append(out, h.From.Kind)
		}
		return out
	}
	onlyA, onlyB := fromKinds(c.HandoffsOnlyInA), fromKinds(c.HandoffsOnlyInB)
	for _, kind := range []string{"POLICE", "MARKET_MANAGEMENT"} {
		gold := langSonHandoffs[kind]
		if !slices.ContainsFunc(c.HandoffsOnlyInA, func(h handoff) bool {
			return h.From != nil && h.From.Kind == kind && h.Provision != nil && h.Provision.Path == gold.provision
		}) {
			t.Errorf("handoffs only in %s (from %v) lack %s's rule of %q", langSon, onlyA, kind, gold.provision)
		}
		if slices.Contains(onlyB, kind) {
			t.Errorf("handoffs only in %s hold one from %s, which %s has no rule from", dienBien, kind, dienBien)
		}
	}

	found := false
	for _, d := range c.RoleDifferences {
		if (d.RoleInA == nil) != (d.ProvisionA == nil) || (d.RoleInB == nil) != (d.ProvisionB == nil) {
			t.Errorf("%s/%v: role in A %s with provision %+v, role in B %s with provision %+v",
				d.Kind, d.Field, str(d.RoleInA), d.ProvisionA, str(d.RoleInB), d.ProvisionB)
		}
		if d.Kind != "STATE_BANK" || d.Field == nil || d.Field.Code != "FOREX_GOLD" {
			continue
		}
		found = true
		if str(d.RoleInA) != `"COORDINATE"` || str(d.RoleInB) != `"LEAD"` {
			t.Errorf("STATE_BANK on FOREX_GOLD: %s in %s, %s in %s; want COORDINATE, LEAD",
				str(d.RoleInA), langSon, str(d.RoleInB), dienBien)
		}
		// leads: Điện Biên's State Bank under "Điều 5 khoản 10"; Lạng
		// Sơn's under "Điều 7 khoản 12" (the comment after leads).
		if d.ProvisionA == nil || d.ProvisionA.Path != "Điều 7 khoản 12" || d.ProvisionB == nil || d.ProvisionB.Path != "Điều 5 khoản 10" {
			t.Errorf("STATE_BANK on FOREX_GOLD: provisions %+v and %+v, want Điều 7 khoản 12 and Điều 5 khoản 10",
				d.ProvisionA, d.ProvisionB)
		}
	}
	if !found {
		t.Error("no role difference for STATE_BANK on FOREX_GOLD")
	}
}

// checkPlanActions: the actions due before 2026-03-01 in Lạng Sơn are the
// 2026-2030 plan's rows due in February 2026, each with the leads the gold
// file gives; every action listed has a DATE deadline that ends before then.
func checkPlanActions(t *testing.T, r *servertest.Response, _ regnet.Store) {
	var got struct {
		PlanActions planActionConnection `json:"planActions"`
	}
	r.Decode(t, &got)
	actions := got.PlanActions.nodes(t)
	for _, a := range actions {
		if end := (regnet.Deadline{Kind: a.Deadline.Kind, Date: a.Deadline.Date}).End(); end == "" || end >= "2026-03-01" {
			t.Errorf("action %s: deadline %+v (date %s) is not due before 2026-03-01", a.ID, a.Deadline, str(a.Deadline.Date))
		}
		if a.Provision == nil || a.Provision.Path == "" || a.Provision.Document == nil {
			t.Errorf("action %s without provision and document: %+v", a.ID, a.Provision)
		}
	}
	rows := goldPlan(t, dueFebruary2026)
	matched := checkPlanRows(t, actions, rows)
	// documents: the 2026-2030 plan is Lạng Sơn's draft plan (the 2021 one
	// is issued); each of its actions listed must be a gold row.
	for _, a := range actions {
		if a.Provision != nil && a.Provision.Document != nil && a.Provision.Document.Status == regnet.StatusDraft && !matched[a.ID] {
			t.Errorf("action %s (%q, due %s) of the 2026-2030 plan is no gold row due 2026-02", a.ID, a.Text, str(a.Deadline.Date))
		}
	}
}

// checkPlanRows checks that each gold row is exactly one of actions, due in
// the row's month and led by the row's leads, and returns the ids of the
// actions matched.
func checkPlanRows(t *testing.T, actions []planAction, rows []goldPlanRow) map[string]bool {
	t.Helper()
	matched := map[string]bool{}
	for _, row := range rows {
		var found []planAction
		for _, a := range actions {
			if startsWith(a.Text, row.Text) {
				found = append(found, a)
			}
		}
		if len(found) != 1 {
			t.Errorf("gold row %q (group %d) matches %d actions, want 1", row.Text, row.Group, len(found))
			continue
		}
		a := found[0]
		matched[a.ID] = true
		if a.Deadline.Kind != regnet.DeadlineDate || str(a.Deadline.Date) != `"`+row.Deadline+`"` {
			t.Errorf("%q: deadline %s %s, want DATE %s", row.Text, a.Deadline.Kind, str(a.Deadline.Date), row.Deadline)
		}
		if got := kinds(a.Leads); !sameSet(got, row.leads()) {
			t.Errorf("%q: leads %v, want %v", row.Text, got, row.leads())
		}
		if m := missing(kinds(a.Coordinators), row.Coordinators); len(m) > 0 {
			t.Errorf("%q: coordinators %v lack %v", row.Text, kinds(a.Coordinators), m)
		}
	}
	return matched
}
