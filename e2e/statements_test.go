package e2e_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/server/servertest"
)

// The bundled documents are read one duty per provision, without evidence,
// until the loader reads statements; a small national document added to the
// data under test (statementsDoc) carries what the stores must keep: two
// duties of one provision, evidence, a reporting line and a schedule. Its
// ids, names and words are its own, so the other checks do not see it: it
// has no province, and no search of theirs matches it.
const (
	stmtDoc       = "doc:e2e-statements"
	stmtProvision = stmtDoc + "#REGULATION/1/1"
	stmtLead      = stmtProvision + "#duty/lead"
	stmtCoord     = stmtProvision + "#duty/coordinate"
	stmtSchedule  = stmtProvision + "#schedule/report"
	stmtHolder    = "agency:national:OTHER_AGENCIES:e2e-cuc-kiem-thu"
	stmtPartner   = "agency:national:OTHER_AGENCIES:e2e-van-phong-kiem-thu"
	stmtRecipient = "agency:national:OTHER_AGENCIES:e2e-bo-kiem-thu"
	stmtText      = "Chủ trì kiểm nghiệm mẫu thực phẩm; phối hợp với Văn phòng kiểm thử tập huấn; báo cáo Bộ kiểm thử trước ngày 15 hằng tháng."
	stmtWhen      = "trước ngày 15 hằng tháng"
)

// evidenceOf returns the evidence of words in stmtText, with rune offsets.
func evidenceOf(tag, value, words string) regnet.Evidence {
	i := strings.Index(stmtText, words)
	if i < 0 {
		panic("e2e: no " + words + " in the statements document")
	}
	start := utf8.RuneCountInString(stmtText[:i])
	return regnet.Evidence{Tag: tag, Value: value, Start: start, End: start + utf8.RuneCountInString(words), Words: words}
}

// withStatements returns ds with the statements document added.
func withStatements(ds *regnet.Dataset) *regnet.Dataset {
	out := *ds
	article, clause := 1, 1
	out.Documents = append(slices.Clone(ds.Documents), regnet.Document{
		ID: stmtDoc, Kind: regnet.KindQuyChe, Title: "Quy chế kiểm thử các câu trách nhiệm",
		Level: regnet.LevelNational, Status: regnet.StatusDraft,
		Source: regnet.Source{File: "e2e-statements.txt", SHA256: "e2e"},
	})
	out.Provisions = append(slices.Clone(ds.Provisions), regnet.Provision{
		ID: stmtProvision, Document: stmtDoc, Part: regnet.PartRegulation, Path: "Điều 1 khoản 1",
		Article: &article, Clause: &clause, Text: stmtText, Line: 3,
	})
	for _, a := range []struct{ id, name string }{
		{stmtHolder, "Cục kiểm thử"}, {stmtPartner, "Văn phòng kiểm thử"}, {stmtRecipient, "Bộ kiểm thử"},
	} {
		out.Agencies = append(out.Agencies, regnet.Agency{ID: a.id, Name: a.name, Kind: "OTHER_AGENCIES", Level: regnet.LevelNational})
	}
	out.Agencies = slices.Clip(out.Agencies)
	out.Duties = append(slices.Clone(ds.Duties),
		regnet.Duty{
			ID: stmtLead, Agency: stmtHolder, Role: regnet.RoleLead, Provision: stmtProvision,
			Text:      "Chủ trì kiểm nghiệm mẫu thực phẩm; báo cáo Bộ kiểm thử trước ngày 15 hằng tháng.",
			Fields:    []string{"FOOD_SAFETY"},
			ReportsTo: []regnet.ReportLine{{Agency: stmtRecipient, When: stmtWhen}},
			Evidence: []regnet.Evidence{
				evidenceOf(regnet.EvidenceRole, regnet.RoleLead, "Chủ trì"),
				evidenceOf(regnet.EvidenceField, "FOOD_SAFETY", "thực phẩm"),
				evidenceOf(regnet.EvidenceReportsTo, stmtRecipient, "báo cáo Bộ kiểm thử trước ngày 15 hằng tháng"),
			},
		},
		regnet.Duty{
			ID: stmtCoord, Agency: stmtHolder, Role: regnet.RoleCoordinate, Provision: stmtProvision,
			Text:     "phối hợp với Văn phòng kiểm thử tập huấn",
			Fields:   []string{"TRAINING"},
			Partners: []string{stmtPartner},
			Evidence: []regnet.Evidence{
				evidenceOf(regnet.EvidenceRole, regnet.RoleCoordinate, "phối hợp với"),
				evidenceOf(regnet.EvidencePartner, stmtPartner, "Văn phòng kiểm thử"),
				evidenceOf(regnet.EvidenceField, "TRAINING", "tập huấn"),
			},
		})
	by := "---15"
	out.Schedules = append(slices.Clone(ds.Schedules), regnet.Schedule{
		ID: stmtSchedule, Kind: regnet.ScheduleReport, Agencies: []string{stmtHolder}, To: []string{stmtRecipient},
		Text: "báo cáo Bộ kiểm thử trước ngày 15 hằng tháng", When: stmtWhen, By: &by, Provision: stmtProvision,
	})
	return &out
}

// statementsQuery reads the statements document's facts back.
const statementsQuery = `{
  duties(filter: {agency: "` + stmtHolder + `"}) { edges { node {
    id role text
    reportsTo { agency { id } when }
    evidence { tag value start end words }
    partners { id }
    provision { id text } } } }
  recipient: agency(id: "` + stmtRecipient + `") { reportedToBy { id } }
  holder: agency(id: "` + stmtHolder + `") { reportsTo { id } }
  document(id: "` + stmtDoc + `") { schedules { id kind when by agencies { id } to { id } } }
}`

// TestStatementsThroughStores checks that a provision's two duties, their
// evidence and reporting lines, and the document's schedule come back from
// every store as they were loaded.
func TestStatementsThroughStores(t *testing.T) {
	forEachStore(t, func(t *testing.T, srv *servertest.Server, _ regnet.Store) {
		var got struct {
			Duties struct {
				Edges []struct {
					Node struct {
						ID, Role, Text string
						ReportsTo      []struct {
							Agency struct{ ID string }
							When   string
						}
						Evidence []struct {
							Tag, Value, Words string
							Start, End        int
						}
						Partners  []struct{ ID string }
						Provision struct{ ID, Text string }
					}
				}
			}
			Recipient struct{ ReportedToBy []struct{ ID string } }
			Holder    struct{ ReportsTo []struct{ ID string } }
			Document  struct {
				Schedules []struct {
					ID, Kind, When string
					By             *string
					Agencies, To   []struct{ ID string }
				}
			}
		}
		srv.MustQuery(t, statementsQuery, nil).Decode(t, &got)

		var ids []string
		for _, e := range got.Duties.Edges {
			d := e.Node
			ids = append(ids, d.ID)
			if d.Provision.ID != stmtProvision || d.Provision.Text != stmtText {
				t.Errorf("duty %s: provision %+v", d.ID, d.Provision)
			}
			text := []rune(d.Provision.Text)
			for _, ev := range d.Evidence {
				if ev.Start < 0 || ev.End > len(text) || ev.Start >= ev.End || string(text[ev.Start:ev.End]) != ev.Words {
					t.Errorf("duty %s: evidence %+v does not point at its words", d.ID, ev)
				}
			}
			switch d.ID {
			case stmtLead:
				if d.Role != regnet.RoleLead || len(d.ReportsTo) != 1 || d.ReportsTo[0].Agency.ID != stmtRecipient || d.ReportsTo[0].When != stmtWhen {
					t.Errorf("lead duty: role %s, reports to %+v", d.Role, d.ReportsTo)
				}
				if len(d.Evidence) != 3 || d.Evidence[0].Tag != "ROLE" || d.Evidence[0].Words != "Chủ trì" || d.Evidence[2].Tag != "REPORTS_TO" {
					t.Errorf("lead duty evidence %+v", d.Evidence)
				}
				if len(d.Partners) != 0 {
					t.Errorf("lead duty has partners %+v: the report's recipient is no partner", d.Partners)
				}
			case stmtCoord:
				if d.Role != regnet.RoleCoordinate || len(d.ReportsTo) != 0 || len(d.Partners) != 1 || d.Partners[0].ID != stmtPartner {
					t.Errorf("coordinate duty: role %s, reports to %+v, partners %+v", d.Role, d.ReportsTo, d.Partners)
				}
				if len(d.Evidence) != 3 || d.Evidence[1].Tag != "PARTNER" || d.Evidence[1].Value != stmtPartner {
					t.Errorf("coordinate duty evidence %+v", d.Evidence)
				}
			}
		}
		if want := []string{stmtCoord, stmtLead}; !slices.Equal(ids, want) {
			t.Errorf("duties of the holder %v, want %v: one provision, two statements", ids, want)
		}
		if r := got.Recipient.ReportedToBy; len(r) != 1 || r[0].ID != stmtHolder {
			t.Errorf("recipient is reported to by %+v", r)
		}
		if r := got.Holder.ReportsTo; len(r) != 1 || r[0].ID != stmtRecipient {
			t.Errorf("holder reports to %+v", r)
		}
		s := got.Document.Schedules
		if len(s) != 1 || s[0].ID != stmtSchedule || s[0].Kind != regnet.ScheduleReport || s[0].When != stmtWhen ||
			s[0].By == nil || *s[0].By != "---15" || len(s[0].To) != 1 || s[0].To[0].ID != stmtRecipient {
			t.Errorf("schedules of the document %+v", s)
		}
	})
}
