package neo4j_test

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/store/storetest"
)

// Ids from storetest.Fixture that the tests change.
const (
	qc83        = "doc:83-2025-qd-ubnd"
	qcProv      = qc83 + "#REGULATION/"
	taxAgency   = "agency:lang-son:TAX"
	lsCustoms   = "agency:lang-son:CUSTOMS"
	lsPolice    = "agency:lang-son:POLICE"
	lsBorder    = "agency:lang-son:BORDER_GUARD"
	lsMarket    = "agency:lang-son:MARKET_MANAGEMENT"
	dutyTrade   = qcProv + "7/1/a#duty"
	dutyPolice  = qcProv + "7/2/a#duty"
	dutyFood    = qcProv + "7/2/b#duty/lead"
	schReport   = qcProv + "7/2/b#schedule/report"
	lsMilitary  = "agency:lang-son:MILITARY_COMMAND"
	dutyTax     = qcProv + "7/4/b#duty"
	hoCustoms   = qcProv + "7/4/c#handoff"
	hoPolice    = qcProv + "7/2/d#handoff"
	provTax     = qcProv + "7/4/b"
	provNew     = qcProv + "7/4/d"
	dutyNew     = provNew + "#duty"
	provinceLS  = "Lạng Sơn"
	newBasis    = "01/2026/QĐ-TTg"
	oldReplaced = "09/2017/QĐ-UBND"
)

// changedFixture returns three datasets:
//   - base: the fixture, with one more agency (tax) that only the Lạng Sơn
//     quy chế's tax duty names;
//   - changed: the fixture with that quy chế changed (a provision, a duty
//     and a handoff gone, one provision and duty new, partners, notified
//     agencies, a role, reporting lines, evidence, a schedule's recipients,
//     an agency's parent and the legal bases changed) and without the tax
//     agency;
//   - doc: what a reload of the changed quy chế alone sends: the document,
//     its facts and every agency of changed.
func changedFixture() (base, changed, doc *regnet.Dataset) {
	base = storetest.Fixture()
	base.Agencies = append(base.Agencies, regnet.Agency{
		ID: taxAgency, Name: "Cục Thuế tỉnh", Kind: "TAX", Level: regnet.LevelProvincial, Province: provinceLS,
	})
	base.Duties[indexDuty(base, dutyTax)].Partners = []string{taxAgency}

	changed = storetest.Fixture()
	d := &changed.Documents[indexDoc(changed, qc83)]
	d.Title = "Quy chế phối hợp (sửa đổi)"
	d.Replaces = nil
	d.BasedOn = append(slices.Clone(d.BasedOn), newBasis)

	changed.Provisions = slices.DeleteFunc(changed.Provisions, func(p regnet.Provision) bool { return p.ID == provTax })
	changed.Duties = slices.DeleteFunc(changed.Duties, func(d regnet.Duty) bool { return d.ID == dutyTax })
	changed.Handoffs = slices.DeleteFunc(changed.Handoffs, func(h regnet.Handoff) bool { return h.ID == hoPolice })

	parent := qcProv + "7/4"
	changed.Provisions = append(changed.Provisions, regnet.Provision{
		ID: provNew, Document: qc83, Part: regnet.PartRegulation, Path: "Điều 7 khoản 4 điểm d",
		Chapter: strp("II"), Article: intp(7), Clause: intp(4), Point: strp("d"), Parent: &parent,
		Text: "Thực hiện các nhiệm vụ khác do Ủy ban nhân dân tỉnh giao.", Line: 85,
	})
	changed.Duties = append(changed.Duties, regnet.Duty{
		ID: dutyNew, Agency: lsCustoms, Role: regnet.RolePerform, Provision: provNew,
		Text: "Thực hiện các nhiệm vụ khác do Ủy ban nhân dân tỉnh giao.", Fields: []string{"INSPECTION"},
	})
	police := &changed.Duties[indexDuty(changed, dutyPolice)]
	police.Partners = []string{lsBorder}
	police.Fields = []string{"CRIMINAL_INVESTIGATION", "BORDER_CONTROL"}
	changed.Duties[indexDuty(changed, dutyTrade)].Role = regnet.RoleCoordinate
	// A reporting line whose period changes and one that is new; evidence
	// that changes; a report sent to one more agency.
	food := &changed.Duties[indexDuty(changed, dutyFood)]
	food.ReportsTo = []regnet.ReportLine{{Agency: food.ReportsTo[0].Agency, When: "định kỳ 6 tháng"}, {Agency: lsMilitary}}
	food.Evidence = food.Evidence[:1]
	for i := range changed.Schedules {
		if changed.Schedules[i].ID == schReport {
			changed.Schedules[i].To = append(changed.Schedules[i].To, lsMilitary)
		}
	}
	for i := range changed.Handoffs {
		if changed.Handoffs[i].ID == hoCustoms {
			changed.Handoffs[i].Notifies = []string{lsPolice}
			changed.Handoffs[i].Leaving = []string{"CUSTOMS_ZONE", "BORDER_GATE"}
		}
	}
	for i := range changed.Agencies {
		if changed.Agencies[i].ID == lsMarket {
			changed.Agencies[i].Parent = nil
			changed.Agencies[i].Name = "Chi cục Quản lý thị trường tỉnh Lạng Sơn"
		}
	}

	doc = &regnet.Dataset{
		Documents: []regnet.Document{*d},
		Provinces: changed.Provinces,
		Agencies:  changed.Agencies,
		Fields:    changed.Fields,
		Areas:     changed.Areas,
	}
	for _, p := range changed.Provisions {
		if p.Document == qc83 {
			doc.Provisions = append(doc.Provisions, p)
		}
	}
	for _, d := range changed.Duties {
		if hasPrefix(d.Provision, qc83+"#") {
			doc.Duties = append(doc.Duties, d)
		}
	}
	for _, h := range changed.Handoffs {
		if hasPrefix(h.Provision, qc83+"#") {
			doc.Handoffs = append(doc.Handoffs, h)
		}
	}
	for _, x := range changed.Schedules {
		if hasPrefix(x.Provision, qc83+"#") {
			doc.Schedules = append(doc.Schedules, x)
		}
	}
	return base, changed, doc
}

// bigDataset returns the fixture plus one synthetic quy chế of n articles,
// each with a provision, a duty naming two partners, two fields and an area,
// and a handoff every tenth article, spread over n/10 more agencies (about
// as many duties per agency as the real documents have): enough rows for
// many batches.
func bigDataset(n int) *regnet.Dataset {
	ds := storetest.Fixture()
	const doc = "doc:synthetic"
	number := "999/2030/QĐ-UBND"
	ds.Documents = append(ds.Documents, regnet.Document{
		ID: doc, Number: &number, Kind: regnet.KindQuyChe, Title: "Quy chế tổng hợp",
		Province: provinceLS, Level: regnet.LevelProvincial, Status: regnet.StatusIssued,
		BasedOn: []string{"19/2016/QĐ-TTg"},
	})
	agencies := make([]string, 0, len(ds.Agencies)+n/10)
	for _, a := range ds.Agencies {
		agencies = append(agencies, a.ID)
	}
	for i := range n / 10 {
		id := fmt.Sprintf("agency:lang-son:OTHER_AGENCIES:so-%d", i)
		ds.Agencies = append(ds.Agencies, regnet.Agency{
			ID: id, Name: fmt.Sprintf("Cơ quan số %d", i), Kind: "OTHER_AGENCIES",
			Level: regnet.LevelProvincial, Province: provinceLS,
		})
		agencies = append(agencies, id)
	}
	fields := []string{"CUSTOMS_CONTROL", "MARKET_TRADE", "TAX", "FOOD_SAFETY"}
	areas := []string{"INLAND", "BORDER_AREA", "CUSTOMS_ZONE"}
	for i := 1; i <= n; i++ {
		prov := doc + "#REGULATION/" + strconv.Itoa(i)
		text := fmt.Sprintf("Điều %d. Cơ quan chủ trì kiểm tra, kiểm soát hàng hóa nhập lậu số %d.", i, i)
		ds.Provisions = append(ds.Provisions, regnet.Provision{
			ID: prov, Document: doc, Part: regnet.PartRegulation, Path: "Điều " + strconv.Itoa(i),
			Article: intp(i), Text: text, Line: i,
		})
		ds.Duties = append(ds.Duties, regnet.Duty{
			ID: prov + "#duty", Agency: agencies[i%len(agencies)], Role: regnet.RoleLead, Text: text,
			Fields:    []string{fields[i%len(fields)], fields[(i+1)%len(fields)]},
			Areas:     []string{areas[i%len(areas)]},
			Partners:  []string{agencies[(i+1)%len(agencies)], agencies[(i+2)%len(agencies)]},
			Provision: prov,
		})
		if i%10 == 0 {
			ds.Handoffs = append(ds.Handoffs, regnet.Handoff{
				ID: prov + "#handoff", From: agencies[i%len(agencies)],
				Notifies: []string{agencies[(i+3)%len(agencies)]}, Actions: []string{regnet.ActionNotify},
				Leaving: []string{"CUSTOMS_ZONE"}, Provision: prov,
			})
		}
	}
	return ds
}

func indexDoc(ds *regnet.Dataset, id string) int {
	return slices.IndexFunc(ds.Documents, func(d regnet.Document) bool { return d.ID == id })
}

func indexDuty(ds *regnet.Dataset, id string) int {
	return slices.IndexFunc(ds.Duties, func(d regnet.Duty) bool { return d.ID == id })
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

func strp(s string) *string { return &s }
func intp(n int) *int       { return &n }
