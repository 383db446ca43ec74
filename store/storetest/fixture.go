package storetest

import "github.com/regnet/regnet"

// Ids of the fixture's records, named so that the suite's expectations read
// as the fixture's story rather than as strings.
const (
	provLangSon  = "province:lang-son"
	provDienBien = "province:dien-bien"

	docQC83  = "doc:83-2025-qd-ubnd"              // Lạng Sơn quy chế, issued
	docQCDB  = "doc:dienbien-quyche-du-thao-2025" // Điện Biên quy chế, draft
	docKH125 = "doc:125-kh-ubnd"                  // Lạng Sơn plan
	numQC83  = "83/2025/QĐ-UBND"
	numKH125 = "125/KH-UBND"
	numOld   = "09/2017/QĐ-UBND"

	agDBCustoms    = "agency:dien-bien:CUSTOMS"
	agDBPolice     = "agency:dien-bien:POLICE"
	agLSBorder     = "agency:lang-son:BORDER_GUARD"
	agLSCustoms    = "agency:lang-son:CUSTOMS"
	agLSCustomsOld = "agency:lang-son:CUSTOMS:cuc-hai-quan"
	agLSTrade      = "agency:lang-son:INDUSTRY_TRADE"
	agLSMarket     = "agency:lang-son:MARKET_MANAGEMENT"
	agLSMilitary   = "agency:lang-son:MILITARY_COMMAND"
	agLSCommittee  = "agency:lang-son:PEOPLES_COMMITTEE"
	agLSPolice     = "agency:lang-son:POLICE"
	agNatCustoms   = "agency:national:CUSTOMS"

	// Provisions of the Lạng Sơn quy chế.
	pQC       = docQC83 + "#"
	pDecision = pQC + "DECISION/1"
	pR6       = pQC + "REGULATION/6"
	pR6_1     = pQC + "REGULATION/6/1"
	pR7       = pQC + "REGULATION/7"
	pR7_1     = pQC + "REGULATION/7/1"
	pR7_1a    = pQC + "REGULATION/7/1/a"
	pR7_1b    = pQC + "REGULATION/7/1/b"
	pR7_1c    = pQC + "REGULATION/7/1/c"
	pR7_2     = pQC + "REGULATION/7/2"
	pR7_2a    = pQC + "REGULATION/7/2/a"
	pR7_2b    = pQC + "REGULATION/7/2/b"
	pR7_2d    = pQC + "REGULATION/7/2/d"
	pR7_3     = pQC + "REGULATION/7/3"
	pR7_3a    = pQC + "REGULATION/7/3/a"
	pR7_3b    = pQC + "REGULATION/7/3/b"
	pR7_4     = pQC + "REGULATION/7/4"
	pR7_4a    = pQC + "REGULATION/7/4/a"
	pR7_4b    = pQC + "REGULATION/7/4/b"
	pR7_4c    = pQC + "REGULATION/7/4/c"
	pR8       = pQC + "REGULATION/8"
	pR8_1     = pQC + "REGULATION/8/1"

	// Provisions of the Điện Biên quy chế.
	pDB      = docQCDB + "#"
	pDB5     = pDB + "REGULATION/5"
	pDB5_2   = pDB + "REGULATION/5/2"
	pDB5_2a  = pDB + "REGULATION/5/2/a"
	pDB5_12  = pDB + "REGULATION/5/12"
	pDB5_12a = pDB + "REGULATION/5/12/a"
	pDB5_12c = pDB + "REGULATION/5/12/c"

	// Provisions of the plan.
	pKH     = docKH125 + "#"
	pKHII   = pKH + "PLAN/II"
	pKHII21 = pKH + "PLAN/II/2.1"
	pKHIV   = pKH + "PLAN/IV"
	pKHIV21 = pKH + "PLAN/IV/2.1"

	dutyCommittee = pR6_1 + "#duty"  // PEOPLES_COMMITTEE DIRECT
	dutyTrade     = pR7_1a + "#duty" // INDUSTRY_TRADE LEAD, partner POLICE
	dutyMarket    = pR7_1b + "#duty" // MARKET_MANAGEMENT LEAD
	dutyPolice    = pR7_2a + "#duty" // POLICE LEAD, partners BORDER_GUARD, CUSTOMS
	// One provision, two statements: POLICE LEAD in FOOD_SAFETY reporting to
	// the PEOPLES_COMMITTEE, and POLICE COORDINATE with MILITARY_COMMAND.
	dutyPoliceFood   = pR7_2b + "#duty/lead"
	dutyPoliceBorder = pR7_2b + "#duty/coordinate"
	dutyBorder       = pR7_3a + "#duty"   // BORDER_GUARD LEAD, partner CUSTOMS
	dutyCustoms      = pR7_4a + "#duty"   // CUSTOMS LEAD, partner national CUSTOMS
	dutyCustomsTax   = pR7_4b + "#duty"   // CUSTOMS COORDINATE
	dutyNational     = pR8_1 + "#duty"    // national CUSTOMS GUIDE, stated in Lạng Sơn's quy chế
	dutyDBPolice     = pDB5_2a + "#duty"  // Điện Biên POLICE SUPPORT
	dutyDBCustoms    = pDB5_12a + "#duty" // Điện Biên CUSTOMS LEAD, partner Điện Biên POLICE

	// The Lạng Sơn handoffs form a cycle: CUSTOMS -> POLICE, BORDER_GUARD;
	// POLICE -> MARKET_MANAGEMENT; BORDER_GUARD -> POLICE, MARKET_MANAGEMENT;
	// MARKET_MANAGEMENT -> CUSTOMS.
	hoCustoms   = pR7_4c + "#handoff"
	hoPolice    = pR7_2d + "#handoff"
	hoMarket    = pR7_1c + "#handoff"
	hoBorder    = pR7_3b + "#handoff"
	hoDBCustoms = pDB5_12c + "#handoff"

	pa1 = pKHIV21 + "#action-1" // DATE 2026-02 (MONTH)
	pa2 = pKHIV21 + "#action-2" // DATE 2026 (YEAR), amends the quy chế
	pa3 = pKHIV21 + "#action-3" // RECURRING
	pa4 = pKHIV21 + "#action-4" // CONDITIONAL
	pa5 = pKHIV21 + "#action-5" // DATE 2025-12-20 (DAY)

	target1 = pKHII21 + "#target-1"
	target2 = pKHII21 + "#target-2"

	schPoliceReport = pR7_2b + "#schedule/report"   // REPORT, police to the committee, monthly
	schPlanSummary  = pKHIV21 + "#schedule/summary" // SUMMARY of the plan, Sở Công Thương
)

func sp(s string) *string   { return &s }
func ip(n int) *int         { return &n }
func fp(f float64) *float64 { return &f }

// Fixture returns a small, complete dataset: two provinces, two quy chế and
// one plan, their provisions, eleven agencies (one national, one renamed),
// duties (two of them stated by one provision, some with evidence and a
// reporting line), a cycle of handoff rules, plan actions with every
// deadline kind, targets and schedules. Each call returns a new value that
// the caller may change.
//
// Texts are chosen so that whole-token and token-prefix matching find the
// same records for the queries the suite sends: no text holds a token that
// merely starts with a query word ("anh" for "an", "quanh" for "quan").
func Fixture() *regnet.Dataset {
	return &regnet.Dataset{
		Documents: []regnet.Document{
			{
				ID: docKH125, Number: sp(numKH125), Kind: regnet.KindKeHoach,
				Title:    "Kế hoạch phòng, chống buôn lậu giai đoạn 2021 - 2025",
				Province: "Lạng Sơn", Level: regnet.LevelProvincial, Status: regnet.StatusIssued,
				Issued: sp("2021-05-29"), Signer: sp("Lương Trọng Quỳnh"),
				BasedOn: []string{"11-CT/TU"}, Period: []int{2021, 2025},
				Source: regnet.Source{File: "langson_kehoach_125-KH-UBND-2021.pdf", SHA256: "c0ffee01", Format: "pdf"},
			},
			{
				ID: docQC83, Number: sp(numQC83), Kind: regnet.KindQuyChe,
				Title:    "Quy chế phối hợp phòng, chống buôn lậu, gian lận thương mại và hàng giả trên địa bàn tỉnh Lạng Sơn",
				Province: "Lạng Sơn", Level: regnet.LevelProvincial, Status: regnet.StatusIssued,
				Issued: sp("2025-10-25"), Effective: sp("2025-11-04"), Signer: sp("Nguyễn Cảnh Toàn"),
				BasedOn:  []string{"72/2025/QH15", "19/2016/QĐ-TTg"},
				Replaces: []string{numOld},
				Mentions: []string{"01/QĐ-BCĐ389"},
				Source:   regnet.Source{File: "langson_quyche_83-2025-QD-UBND.txt", SHA256: "c0ffee02"},
			},
			{
				ID: docQCDB, Kind: regnet.KindQuyChe,
				Title:    "Quy chế phối hợp phòng, chống buôn lậu trên địa bàn tỉnh Điện Biên",
				Province: "Điện Biên", Level: regnet.LevelProvincial, Status: regnet.StatusDraft,
				// A draft's relative effective date: the rule, no date until it is signed.
				EffectiveRule: sp("sau 10 ngày kể từ ngày ký"),
				BasedOn:       []string{"19/2016/QĐ-TTg"},
				Source:        regnet.Source{File: "dienbien_quyche_du-thao-2025.txt", SHA256: "c0ffee03"},
			},
		},
		Provisions: []regnet.Provision{
			{ID: pDecision, Document: docQC83, Part: regnet.PartDecision, Path: "Quyết định, Điều 1", Article: ip(1),
				Text: "Ban hành kèm theo Quyết định này Quy chế phối hợp trong công tác phòng, chống buôn lậu, gian lận thương mại và hàng giả trên địa bàn tỉnh Lạng Sơn.", Line: 20, Page: intp(3)},
			{ID: pR6, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 6", Chapter: sp("II"), Article: ip(6),
				Heading: "Trách nhiệm của Ủy ban nhân dân tỉnh", Line: 60},
			{ID: pR6_1, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 6 khoản 1", Chapter: sp("II"), Article: ip(6), Clause: ip(1), Parent: sp(pR6),
				Text: "Chỉ đạo các sở, ngành và Ủy ban nhân dân cấp xã tổ chức thực hiện Quy chế này.", Line: 61},
			{ID: pR7, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 7", Chapter: sp("II"), Article: ip(7),
				Heading: "Trách nhiệm của các sở, ngành và lực lượng chức năng", Line: 70},
			{ID: pR7_1, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 7 khoản 1", Chapter: sp("II"), Article: ip(7), Clause: ip(1), Parent: sp(pR7),
				Text: "Sở Công Thương:", Line: 71},
			{ID: pR7_1a, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 7 khoản 1 điểm a", Chapter: sp("II"), Article: ip(7), Clause: ip(1), Point: sp("a"), Parent: sp(pR7_1),
				Text: "Chủ trì, phối hợp với Công an tỉnh kiểm tra, kiểm soát hoạt động thương mại điện tử trên địa bàn nội địa.", Line: 72},
			{ID: pR7_1b, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 7 khoản 1 điểm b", Chapter: sp("II"), Article: ip(7), Clause: ip(1), Point: sp("b"), Parent: sp(pR7_1),
				Text: "Chủ trì kiểm tra, xử lý hàng giả, hàng kém chất lượng tại các chợ.", Line: 73},
			{ID: pR7_1c, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 7 khoản 1 điểm c", Chapter: sp("II"), Article: ip(7), Clause: ip(1), Point: sp("c"), Parent: sp(pR7_1),
				Text: "Chi cục Quản lý thị trường truy đuổi hàng hóa vào khu vực biên giới và chuyển giao vụ việc cho Chi cục Hải quan khu vực VI.", Line: 74},
			{ID: pR7_2, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 7 khoản 2", Chapter: sp("II"), Article: ip(7), Clause: ip(2), Parent: sp(pR7),
				Text: "Công an tỉnh:", Line: 75},
			{ID: pR7_2a, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 7 khoản 2 điểm a", Chapter: sp("II"), Article: ip(7), Clause: ip(2), Point: sp("a"), Parent: sp(pR7_2),
				Text: "Chủ trì điều tra tội phạm buôn lậu; phối hợp với Chi cục Hải quan khu vực VI và Bộ đội Biên phòng tỉnh.", Line: 76},
			{ID: pR7_2b, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 7 khoản 2 điểm b", Chapter: sp("II"), Article: ip(7), Clause: ip(2), Point: sp("b"), Parent: sp(pR7_2),
				Text: "Chủ trì phòng, chống tội phạm về an toàn thực phẩm; phối hợp với Bộ Chỉ huy Quân sự tỉnh tuần tra khu vực biên giới; báo cáo Ủy ban nhân dân tỉnh trước ngày 15 hằng tháng.", Line: 77},
			{ID: pR7_2d, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 7 khoản 2 điểm d", Chapter: sp("II"), Article: ip(7), Clause: ip(2), Point: sp("d"), Parent: sp(pR7_2),
				Text: "Khi hàng hóa vào khu vực biên giới, thông báo ngay cho Chi cục Quản lý thị trường.", Line: 77},
			{ID: pR7_3, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 7 khoản 3", Chapter: sp("II"), Article: ip(7), Clause: ip(3), Parent: sp(pR7),
				Text: "Bộ đội Biên phòng tỉnh:", Line: 78},
			{ID: pR7_3a, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 7 khoản 3 điểm a", Chapter: sp("II"), Article: ip(7), Clause: ip(3), Point: sp("a"), Parent: sp(pR7_3),
				Text: "Chủ trì kiểm soát khu vực biên giới; phối hợp với lực lượng Hải quan tại cửa khẩu.", Line: 79},
			{ID: pR7_3b, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 7 khoản 3 điểm b", Chapter: sp("II"), Article: ip(7), Clause: ip(3), Point: sp("b"), Parent: sp(pR7_3),
				Text: "Truy đuổi hàng hóa rời khu vực biên giới vào nội địa và thông báo ngay cho Công an tỉnh, Chi cục Quản lý thị trường.", Line: 80},
			{ID: pR7_4, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 7 khoản 4", Chapter: sp("II"), Article: ip(7), Clause: ip(4), Parent: sp(pR7),
				Text: "Chi cục Hải quan khu vực VI:", Line: 81},
			{ID: pR7_4a, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 7 khoản 4 điểm a", Chapter: sp("II"), Article: ip(7), Clause: ip(4), Point: sp("a"), Parent: sp(pR7_4),
				Text: "Chủ trì kiểm soát hải quan trong địa bàn hoạt động hải quan; báo cáo Cục Hải quan.", Line: 82},
			{ID: pR7_4b, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 7 khoản 4 điểm b", Chapter: sp("II"), Article: ip(7), Clause: ip(4), Point: sp("b"), Parent: sp(pR7_4),
				Text: "Phối hợp với cơ quan thuế kiểm tra sau thông quan.", Line: 83},
			{ID: pR7_4c, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 7 khoản 4 điểm c", Chapter: sp("II"), Article: ip(7), Clause: ip(4), Point: sp("c"), Parent: sp(pR7_4),
				Text: "Truy đuổi hàng hóa rời địa bàn hoạt động hải quan và thông báo ngay cho Công an tỉnh, Bộ đội Biên phòng tỉnh.", Line: 84},
			{ID: pR8, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 8", Chapter: sp("III"), Article: ip(8),
				Heading: "Trách nhiệm của cơ quan trung ương", Line: 90},
			{ID: pR8_1, Document: docQC83, Part: regnet.PartRegulation, Path: "Điều 8 khoản 1", Chapter: sp("III"), Article: ip(8), Clause: ip(1), Parent: sp(pR8),
				Text: "Hướng dẫn nghiệp vụ kiểm soát hải quan cho Chi cục Hải quan khu vực VI.", Line: 91},

			{ID: pDB5, Document: docQCDB, Part: regnet.PartRegulation, Path: "Điều 5", Chapter: sp("II"), Article: ip(5),
				Heading: "Trách nhiệm của các lực lượng chức năng tỉnh Điện Biên", Line: 40},
			{ID: pDB5_2, Document: docQCDB, Part: regnet.PartRegulation, Path: "Điều 5 khoản 2", Chapter: sp("II"), Article: ip(5), Clause: ip(2), Parent: sp(pDB5),
				Text: "Công an tỉnh:", Line: 45},
			{ID: pDB5_2a, Document: docQCDB, Part: regnet.PartRegulation, Path: "Điều 5 khoản 2 điểm a", Chapter: sp("II"), Article: ip(5), Clause: ip(2), Point: sp("a"), Parent: sp(pDB5_2),
				Text: "Phối hợp, hỗ trợ các lực lượng khi có yêu cầu trên địa bàn tỉnh Điện Biên.", Line: 46},
			{ID: pDB5_12, Document: docQCDB, Part: regnet.PartRegulation, Path: "Điều 5 khoản 12", Chapter: sp("II"), Article: ip(5), Clause: ip(12), Parent: sp(pDB5),
				Text: "Chi cục Hải quan khu vực VII:", Line: 80},
			{ID: pDB5_12a, Document: docQCDB, Part: regnet.PartRegulation, Path: "Điều 5 khoản 12 điểm a", Chapter: sp("II"), Article: ip(5), Clause: ip(12), Point: sp("a"), Parent: sp(pDB5_12),
				Text: "Chủ trì kiểm soát hải quan tại cửa khẩu; phối hợp với Công an tỉnh Điện Biên.", Line: 81},
			{ID: pDB5_12c, Document: docQCDB, Part: regnet.PartRegulation, Path: "Điều 5 khoản 12 điểm c", Chapter: sp("II"), Article: ip(5), Clause: ip(12), Point: sp("c"), Parent: sp(pDB5_12),
				Text: "Truy đuổi hàng hóa rời địa bàn hoạt động hải quan và thông báo ngay cho Công an tỉnh.", Line: 83},

			{ID: pKHII, Document: docKH125, Part: regnet.PartPlan, Path: "II", Heading: "MỤC TIÊU", Line: 30},
			{ID: pKHII21, Document: docKH125, Part: regnet.PartPlan, Path: "II.2.1", Parent: sp(pKHII),
				Text: "Năm 2025, 100% vụ việc được xử lý đúng thời hạn.", Line: 35},
			{ID: pKHIV, Document: docKH125, Part: regnet.PartPlan, Path: "IV", Heading: "NHIỆM VỤ VÀ GIẢI PHÁP", Line: 50},
			{ID: pKHIV21, Document: docKH125, Part: regnet.PartPlan, Path: "IV.2.1", Parent: sp(pKHIV),
				Text: "Sở Công Thương chủ trì, phối hợp với các cơ quan liên quan thực hiện các nhiệm vụ sau.", Line: 55},
		},
		Provinces: []regnet.Province{
			{ID: provDienBien, Name: "Điện Biên"},
			{ID: provLangSon, Name: "Lạng Sơn"},
		},
		Agencies: []regnet.Agency{
			{ID: agDBCustoms, Name: "Chi cục Hải quan khu vực VII", Kind: "CUSTOMS", Level: regnet.LevelProvincial, Province: "Điện Biên",
				Parent: sp(agNatCustoms)},
			{ID: agDBPolice, Name: "Công an tỉnh Điện Biên", Kind: "POLICE", Level: regnet.LevelProvincial, Province: "Điện Biên"},
			{ID: agLSBorder, Name: "Bộ đội Biên phòng tỉnh Lạng Sơn", Kind: "BORDER_GUARD", Level: regnet.LevelProvincial, Province: "Lạng Sơn",
				Parent: sp(agLSMilitary), Aliases: []string{"Bộ đội Biên phòng tỉnh"}},
			{ID: agLSCustoms, Name: "Chi cục Hải quan khu vực VI", Kind: "CUSTOMS", Level: regnet.LevelProvincial, Province: "Lạng Sơn",
				Parent: sp(agNatCustoms), Aliases: []string{"Hải quan Lạng Sơn"}},
			{ID: agLSCustomsOld, Name: "Cục Hải quan tỉnh Lạng Sơn", Kind: "CUSTOMS", Level: regnet.LevelProvincial, Province: "Lạng Sơn",
				Successor: sp(agLSCustoms)},
			{ID: agLSTrade, Name: "Sở Công Thương", Kind: "INDUSTRY_TRADE", Level: regnet.LevelProvincial, Province: "Lạng Sơn",
				Parent: sp(agLSCommittee)},
			{ID: agLSMarket, Name: "Chi cục Quản lý thị trường", Kind: "MARKET_MANAGEMENT", Level: regnet.LevelProvincial, Province: "Lạng Sơn",
				Parent: sp(agLSTrade)},
			{ID: agLSMilitary, Name: "Bộ Chỉ huy Quân sự tỉnh", Kind: "MILITARY_COMMAND", Level: regnet.LevelProvincial, Province: "Lạng Sơn"},
			{ID: agLSCommittee, Name: "Ủy ban nhân dân tỉnh Lạng Sơn", Kind: "PEOPLES_COMMITTEE", Level: regnet.LevelProvincial, Province: "Lạng Sơn",
				Aliases: []string{"UBND tỉnh Lạng Sơn", "UBND tỉnh"}},
			{ID: agLSPolice, Name: "Công an tỉnh Lạng Sơn", Kind: "POLICE", Level: regnet.LevelProvincial, Province: "Lạng Sơn"},
			{ID: agNatCustoms, Name: "Cục Hải quan", Kind: "CUSTOMS", Level: regnet.LevelNational,
				Aliases: []string{"Tổng cục Hải quan"}},
		},
		Duties: []regnet.Duty{
			{ID: dutyCommittee, Agency: agLSCommittee, Role: regnet.RoleDirect, Provision: pR6_1,
				Text:   "Chỉ đạo các sở, ngành và Ủy ban nhân dân cấp xã tổ chức thực hiện Quy chế này.",
				Fields: []string{"INSPECTION"}},
			{ID: dutyTrade, Agency: agLSTrade, Role: regnet.RoleLead, Provision: pR7_1a,
				Text:     "Chủ trì, phối hợp với Công an tỉnh kiểm tra, kiểm soát hoạt động thương mại điện tử trên địa bàn nội địa.",
				Fields:   []string{"MARKET_TRADE", "E_COMMERCE"},
				Areas:    []string{"INLAND", "MARKETS"},
				Partners: []string{agLSPolice},
				Evidence: []regnet.Evidence{
					{Tag: regnet.EvidenceRole, Value: regnet.RoleLead, Start: 0, End: 7, Words: "Chủ trì"},
					{Tag: regnet.EvidencePartner, Value: agLSPolice, Start: 22, End: 34, Words: "Công an tỉnh"},
					{Tag: regnet.EvidenceField, Value: "E_COMMERCE", Start: 65, End: 83, Words: "thương mại điện tử"},
					{Tag: regnet.EvidenceArea, Value: "INLAND", Start: 97, End: 104, Words: "nội địa"},
				}},
			{ID: dutyMarket, Agency: agLSMarket, Role: regnet.RoleLead, Provision: pR7_1b,
				Text:   "Chủ trì kiểm tra, xử lý hàng giả, hàng kém chất lượng tại các chợ.",
				Fields: []string{"FOOD_SAFETY", "MARKET_TRADE"},
				Areas:  []string{"MARKETS"}},
			{ID: dutyPolice, Agency: agLSPolice, Role: regnet.RoleLead, Provision: pR7_2a,
				Text:     "Chủ trì điều tra tội phạm buôn lậu; phối hợp với Chi cục Hải quan khu vực VI và Bộ đội Biên phòng tỉnh.",
				Fields:   []string{"CRIMINAL_INVESTIGATION"},
				Areas:    []string{"INLAND"},
				Partners: []string{agLSBorder, agLSCustoms}},
			{ID: dutyPoliceFood, Agency: agLSPolice, Role: regnet.RoleLead, Provision: pR7_2b,
				Text:      "Chủ trì phòng, chống tội phạm về an toàn thực phẩm; báo cáo Ủy ban nhân dân tỉnh trước ngày 15 hằng tháng.",
				Fields:    []string{"FOOD_SAFETY"},
				ReportsTo: []regnet.ReportLine{{Agency: agLSCommittee, When: "trước ngày 15 hằng tháng"}},
				Evidence: []regnet.Evidence{
					{Tag: regnet.EvidenceRole, Value: regnet.RoleLead, Start: 0, End: 7, Words: "Chủ trì"},
					{Tag: regnet.EvidenceField, Value: "FOOD_SAFETY", Start: 33, End: 50, Words: "an toàn thực phẩm"},
					{Tag: regnet.EvidenceReportsTo, Value: agLSCommittee, Start: 117, End: 170, Words: "báo cáo Ủy ban nhân dân tỉnh trước ngày 15 hằng tháng"},
				}},
			{ID: dutyPoliceBorder, Agency: agLSPolice, Role: regnet.RoleCoordinate, Provision: pR7_2b,
				Text:     "phối hợp với Bộ Chỉ huy Quân sự tỉnh tuần tra khu vực biên giới",
				Fields:   []string{"BORDER_CONTROL"},
				Areas:    []string{"BORDER_AREA"},
				Partners: []string{agLSMilitary},
				Evidence: []regnet.Evidence{
					{Tag: regnet.EvidenceRole, Value: regnet.RoleCoordinate, Start: 52, End: 64, Words: "phối hợp với"},
					{Tag: regnet.EvidencePartner, Value: agLSMilitary, Start: 65, End: 88, Words: "Bộ Chỉ huy Quân sự tỉnh"},
					{Tag: regnet.EvidenceField, Value: "BORDER_CONTROL", Start: 89, End: 115, Words: "tuần tra khu vực biên giới"},
					{Tag: regnet.EvidenceArea, Value: "BORDER_AREA", Start: 98, End: 115, Words: "khu vực biên giới"},
				}},
			{ID: dutyBorder, Agency: agLSBorder, Role: regnet.RoleLead, Provision: pR7_3a,
				Text:     "Chủ trì kiểm soát khu vực biên giới; phối hợp với lực lượng Hải quan tại cửa khẩu.",
				Fields:   []string{"BORDER_CONTROL"},
				Areas:    []string{"BORDER_AREA"},
				Partners: []string{agLSCustoms}},
			{ID: dutyCustoms, Agency: agLSCustoms, Role: regnet.RoleLead, Provision: pR7_4a,
				Text:     "Chủ trì kiểm soát hải quan trong địa bàn hoạt động hải quan; báo cáo Cục Hải quan.",
				Fields:   []string{"CUSTOMS_CONTROL"},
				Areas:    []string{"BORDER_GATE", "CUSTOMS_ZONE"},
				Partners: []string{agNatCustoms}},
			{ID: dutyCustomsTax, Agency: agLSCustoms, Role: regnet.RoleCoordinate, Provision: pR7_4b,
				Text:   "Phối hợp với cơ quan thuế kiểm tra sau thông quan.",
				Fields: []string{"CUSTOMS_CONTROL", "TAX"},
				Areas:  []string{"CUSTOMS_ZONE"}},
			{ID: dutyNational, Agency: agNatCustoms, Role: regnet.RoleGuide, Provision: pR8_1,
				Text:   "Hướng dẫn nghiệp vụ kiểm soát hải quan cho Chi cục Hải quan khu vực VI.",
				Fields: []string{"CUSTOMS_CONTROL"}},
			{ID: dutyDBPolice, Agency: agDBPolice, Role: regnet.RoleSupport, Provision: pDB5_2a,
				Text:   "Phối hợp, hỗ trợ các lực lượng khi có yêu cầu trên địa bàn tỉnh Điện Biên.",
				Fields: []string{"CRIMINAL_INVESTIGATION"},
				Areas:  []string{"BORDER_AREA", "INLAND"}},
			{ID: dutyDBCustoms, Agency: agDBCustoms, Role: regnet.RoleLead, Provision: pDB5_12a,
				Text:     "Chủ trì kiểm soát hải quan tại cửa khẩu; phối hợp với Công an tỉnh Điện Biên.",
				Fields:   []string{"CUSTOMS_CONTROL"},
				Areas:    []string{"CUSTOMS_ZONE"},
				Partners: []string{agDBPolice}},
		},
		Handoffs: []regnet.Handoff{
			{ID: hoCustoms, From: agLSCustoms, Notifies: []string{agLSPolice, agLSBorder},
				Actions: []string{regnet.ActionPursue, regnet.ActionNotify},
				Leaving: []string{"CUSTOMS_ZONE"}, Provision: pR7_4c},
			{ID: hoPolice, From: agLSPolice, Notifies: []string{agLSMarket},
				Actions:  []string{regnet.ActionNotify},
				Entering: []string{"BORDER_AREA"}, Provision: pR7_2d},
			{ID: hoMarket, From: agLSMarket, TransfersTo: []string{agLSCustoms},
				Actions:   []string{regnet.ActionPursue, regnet.ActionTransfer},
				Entering:  []string{"BORDER_AREA", "CUSTOMS_ZONE"},
				Condition: "khi hàng hóa vào khu vực biên giới", Provision: pR7_1c},
			{ID: hoBorder, From: agLSBorder, Notifies: []string{agLSPolice, agLSMarket},
				Actions: []string{regnet.ActionPursue, regnet.ActionNotify},
				Leaving: []string{"BORDER_AREA"}, Entering: []string{"INLAND"},
				Condition: "khi đối tượng còn trong khu vực kiểm soát", ConditionFor: []string{agLSPolice}, Provision: pR7_3b},
			{ID: hoDBCustoms, From: agDBCustoms, Notifies: []string{agDBPolice},
				Actions: []string{regnet.ActionPursue, regnet.ActionNotify},
				Leaving: []string{"CUSTOMS_ZONE"}, Provision: pDB5_12c},
		},
		PlanActions: []regnet.PlanAction{
			{ID: pa1, Document: docKH125, Group: "2.1", Provision: pKHIV21,
				Text:         "Rà soát các quy định quản lý nhà nước về hải quan",
				Deadline:     regnet.Deadline{Raw: "Tháng 02/2026", Kind: regnet.DeadlineDate, Date: sp("2026-02"), Precision: sp(regnet.PrecisionMonth)},
				Output:       "Báo cáo rà soát",
				Leads:        []string{agLSCustoms},
				Coordinators: []string{agLSPolice}},
			{ID: pa2, Document: docKH125, Group: "2.1", Provision: pKHIV21,
				Text:         "Sửa đổi, bổ sung khoản 4 Điều 7 Quy chế phối hợp số 83/2025/QĐ-UBND",
				Deadline:     regnet.Deadline{Raw: "Năm 2026", Kind: regnet.DeadlineDate, Date: sp("2026"), Precision: sp(regnet.PrecisionYear)},
				Output:       "Quyết định sửa đổi",
				Leads:        []string{agLSTrade},
				Coordinators: []string{agLSMarket, agLSCustoms},
				Amends:       []string{numQC83}, AmendsProvisions: []string{"Điều 7 khoản 4"}},
			{ID: pa3, Document: docKH125, Group: "2.1", Provision: pKHIV21,
				Text:     "Kiểm tra các chợ biên giới",
				Deadline: regnet.Deadline{Raw: "Thường xuyên", Kind: regnet.DeadlineRecurring},
				Leads:    []string{agLSMarket}},
			{ID: pa4, Document: docKH125, Group: "2.1", Provision: pKHIV21,
				Text:         "Tham mưu UBND tỉnh xử lý vụ việc phức tạp",
				Deadline:     regnet.Deadline{Raw: "Theo chỉ đạo của cấp trên", Kind: regnet.DeadlineConditional},
				Leads:        []string{agLSTrade},
				Coordinators: []string{agLSPolice}},
			{ID: pa5, Document: docKH125, Group: "2.1", Provision: pKHIV21,
				Text:     "Tổng kết việc thực hiện Kế hoạch",
				Deadline: regnet.Deadline{Raw: "Trước ngày 20/12/2025", Kind: regnet.DeadlineDate, Date: sp("2025-12-20"), Precision: sp(regnet.PrecisionDay)},
				Output:   "Báo cáo tổng kết",
				Leads:    []string{agLSTrade}},
		},
		Targets: []regnet.Target{
			{ID: target1, Document: docKH125, Year: ip(2025), Text: "100% vụ việc được xử lý đúng thời hạn", Percent: fp(100), Provision: pKHII21},
			{ID: target2, Document: docKH125, Text: "Giảm số vụ buôn lậu", Provision: pKHII21},
		},
		Schedules: []regnet.Schedule{
			{ID: schPoliceReport, Kind: regnet.ScheduleReport, Agencies: []string{agLSPolice}, To: []string{agLSCommittee},
				Text: "báo cáo Ủy ban nhân dân tỉnh trước ngày 15 hằng tháng", When: "trước ngày 15 hằng tháng", By: sp("---15"),
				Provision: pR7_2b},
			{ID: schPlanSummary, Kind: regnet.ScheduleSummary, Agencies: []string{agLSTrade},
				Text: "Tổng kết việc thực hiện Kế hoạch", When: "Trước ngày 20/12/2025", By: sp("2025-12-20"),
				Provision: pKHIV21},
		},
		Fields: []regnet.Field{
			{Code: "BORDER_CONTROL", Name: "Kiểm soát biên giới", NameEN: "Border control"},
			{Code: "CRIMINAL_INVESTIGATION", Name: "Điều tra hình sự", NameEN: "Criminal investigation"},
			{Code: "CUSTOMS_CONTROL", Name: "Kiểm soát hải quan", NameEN: "Customs control"},
			{Code: "E_COMMERCE", Name: "Thương mại điện tử", NameEN: "E-commerce"},
			{Code: "FOOD_SAFETY", Name: "An toàn thực phẩm", NameEN: "Food safety"},
			{Code: "INSPECTION", Name: "Thanh tra, kiểm tra", NameEN: "Inspection"},
			{Code: "MARKET_TRADE", Name: "Thương mại, thị trường", NameEN: "Market trade"},
			{Code: "TAX", Name: "Thuế", NameEN: "Tax"},
		},
		Areas: []regnet.Area{
			{Code: "BORDER_AREA", Name: "Khu vực biên giới", NameEN: "Border area"},
			{Code: "BORDER_GATE", Name: "Cửa khẩu", NameEN: "Border gate"},
			{Code: "CUSTOMS_ZONE", Name: "Địa bàn hoạt động hải quan", NameEN: "Customs operation zone"},
			{Code: "INLAND", Name: "Nội địa", NameEN: "Inland"},
			{Code: "MARKETS", Name: "Chợ, trung tâm thương mại", NameEN: "Markets"},
		},
		Warnings: []regnet.Warning{
			{File: "dienbien_quyche_du-thao-2025.txt", Line: 12, Message: "document has no number"},
		},
	}
}

func intp(n int) *int { return &n }
