package regnet

import (
	"reflect"
	"testing"
)

func sp(s string) *string { return &s }

func TestValidity(t *testing.T) {
	fixed := &Document{ID: "doc:fixed", Number: sp("83/2025/QĐ-UBND"), Kind: KindQuyChe, Status: StatusIssued,
		Issued: sp("2025-10-25"), Effective: sp("2025-11-04"), Replaces: []string{"09/2017/QĐ-UBND"}}
	onSigning := &Document{ID: "doc:signing", Kind: KindQuyetDinh, Status: StatusIssued,
		Issued: sp("2024-03-01"), Effective: sp("2024-03-01")}
	tenDays := &Document{ID: "doc:ten", Kind: KindQuyetDinh, Status: StatusIssued,
		Issued: sp("2024-03-01"), Effective: sp("2024-03-11"), EffectiveRule: sp("sau 10 ngày kể từ ngày ký")}
	event := &Document{ID: "doc:event", Kind: KindQuyetDinh, Status: StatusIssued,
		Issued: sp("2024-03-01"), EffectiveRule: sp("sau 15 ngày kể từ ngày đăng Công báo")}
	replaced := &Document{ID: "doc:old", Number: sp("09/2017/QĐ-UBND"), Kind: KindQuyetDinh, Status: StatusReplaced,
		Issued: sp("2017-04-10"), Effective: sp("2017-04-20")}
	plan := &Document{ID: "doc:plan", Number: sp("125/KH-UBND"), Kind: KindKeHoach, Status: StatusIssued,
		Issued: sp("2021-05-29"), Period: []int{2021, 2025}}
	draft := &Document{ID: "doc:draft", Kind: KindQuyChe, Status: StatusDraft, Replaces: []string{"83/2025/QĐ-UBND"}}
	news := &Document{ID: "doc:news", Kind: KindTinTuc, Status: StatusIssued, Issued: sp("2020-06-17")}
	docs := []*Document{fixed, onSigning, tenDays, event, replaced, plan, draft, news}

	tests := []struct {
		name        string
		doc         *Document
		from, until string // "" for nil
		on          map[string]bool
	}{
		{"fixed effective date", fixed, "2025-11-04", "",
			map[string]bool{"2025-11-03": false, "2025-11-04": true, "2030-01-01": true}},
		{"kể từ ngày ký", onSigning, "2024-03-01", "",
			map[string]bool{"2024-02-29": false, "2024-03-01": true}},
		{"sau 10 ngày kể từ ngày ký", tenDays, "2024-03-11", "",
			map[string]bool{"2024-03-10": false, "2024-03-11": true}},
		{"an event the text does not date", event, "", "",
			map[string]bool{"2024-03-01": false, "2024-03-02": true}},
		{"replaced: ends the day before the new one takes effect", replaced, "2017-04-20", "2025-11-03",
			map[string]bool{"2017-04-19": false, "2017-04-20": true, "2025-11-03": true, "2025-11-04": false}},
		{"plan: from its issue date to the end of its period", plan, "2021-05-29", "2025-12-31",
			map[string]bool{"2021-05-28": false, "2021-05-29": true, "2025-12-31": true, "2026-01-01": false}},
		{"a draft is never in force, and replaces nothing", draft, "", "",
			map[string]bool{"2020-01-01": false, "2026-01-01": false}},
		{"a news report has no legal effect", news, "", "",
			map[string]bool{"2021-01-01": false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := str(ValidFrom(tt.doc)); got != tt.from {
				t.Errorf("ValidFrom = %q, want %q", got, tt.from)
			}
			if got := str(ValidUntil(tt.doc, docs)); got != tt.until {
				t.Errorf("ValidUntil = %q, want %q", got, tt.until)
			}
			for date, want := range tt.on {
				if got := InForce(tt.doc, docs, date); got != want {
					t.Errorf("InForce(%s) = %v, want %v", date, got, want)
				}
			}
		})
	}
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func TestNamedDocuments(t *testing.T) {
	docs := []*Document{
		{ID: "doc:83-2025-qd-ubnd", Number: sp("83/2025/QĐ-UBND"), Kind: KindQuyChe, Province: "Lạng Sơn", Status: StatusIssued,
			Effective: sp("2025-11-04"), BasedOn: []string{"72/2025/QH15", "19/2016/QĐ-TTg", "118/TTr-SCT"},
			Replaces: []string{"09/2017/QĐ-UBND"}},
		{ID: "doc:plan", Number: sp("125/KH-UBND"), Kind: KindKeHoach, Province: "Lạng Sơn", Status: StatusIssued,
			BasedOn: []string{"11-CT/TU", "83/2025/QĐ-UBND"}},
		{ID: "doc:draft", Kind: KindQuyChe, Province: "Điện Biên", Status: StatusDraft, Replaces: []string{"20/2019/QĐ-UBND"}},
	}
	type row struct{ ID, Kind, Level, Province, Status string }
	var got []row
	for _, d := range NamedDocuments(docs) {
		if !d.Named || d.ID != "doc:"+Slug(*d.Number) {
			t.Errorf("%s: not a named document with its number's id: %+v", d.ID, d)
		}
		got = append(got, row{d.ID, d.Kind, d.Level, d.Province, d.Status})
	}
	want := []row{
		{"doc:09-2017-qd-ubnd", KindQuyetDinh, LevelProvincial, "Lạng Sơn", StatusReplaced},
		{"doc:11-ct-tu", KindChiThi, "", "", StatusIssued},
		{"doc:19-2016-qd-ttg", KindQuyetDinh, LevelNational, "", StatusIssued},
		{"doc:20-2019-qd-ubnd", KindQuyetDinh, LevelProvincial, "", StatusIssued}, // a draft replaces nothing yet
		{"doc:72-2025-qh15", KindLuat, LevelNational, "", StatusIssued},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("NamedDocuments:\n got %+v\nwant %+v", got, want)
	}

	// In force: the named quy chế until the new one takes effect.
	sel := func(date string) []string {
		var ids []string
		for _, d := range SelectDocuments(docs, DocumentFilter{Province: "Lạng Sơn", InForceOn: date, IncludeNamed: true}) {
			ids = append(ids, d.ID)
		}
		return ids
	}
	if got, want := sel("2025-06-01"), []string{"doc:09-2017-qd-ubnd", "doc:plan"}; !reflect.DeepEqual(got, want) {
		t.Errorf("in force on 2025-06-01: %v, want %v", got, want)
	}
	if got, want := sel("2026-01-15"), []string{"doc:83-2025-qd-ubnd", "doc:plan"}; !reflect.DeepEqual(got, want) {
		t.Errorf("in force on 2026-01-15: %v, want %v", got, want)
	}
	drafts := SelectDocuments(docs, DocumentFilter{InForceOn: "2026-01-15", IncludeDrafts: true, Kind: KindQuyChe})
	if len(drafts) != 2 || drafts[1].ID != "doc:draft" {
		t.Errorf("with includeDrafts: %v", drafts)
	}
}
