package loader

import (
	"sort"
	"strings"
	"testing"

	"github.com/regnet/regnet"
)

func TestNewsParagraphs(t *testing.T) {
	lines := readLines(t, "testdata/news/agreement_page.txt")
	headline, paras := newsParagraphs(lines, lines[0].Text)
	if headline != "Ký kết quy chế phối hợp chống hàng giả" {
		t.Errorf("headline %q", headline)
	}
	// Kept: the lead, three paragraphs of the agreement and one on the
	// ceremony. Left out: the menu, the headline, the photo and its
	// caption, the byline, the share buttons, the related articles and the
	// copyright line.
	var got []int
	for _, p := range paras {
		got = append(got, p.Line)
	}
	if want := []int{6, 12, 14, 16, 18}; !equalInts(got, want) {
		t.Errorf("paragraph lines %v, want %v", got, want)
	}
	tests := []struct {
		line string
		keep bool
	}{
		{"[:gift:Xem chi tiết ở đây:gift:](https://example.vn/a)Tóm tắt bài viết về quy chế phối hợp giữa hai cơ quan …", false},
		{"Theo đó, hai bên thống nhất các nguyên tắc phối hợp trong công tác chống buôn lậu.", true},
		{"**N.Linh**", false},
		{"Bình luận (0)", false},
		{"Tags: buôn lậu, hàng giả", false},
	}
	for _, tt := range tests {
		_, paras := newsParagraphs(linesOf("Tiêu đề", "=====", tt.line), "")
		if kept := len(paras) == 1; kept != tt.keep {
			t.Errorf("%q kept %v, want %v", tt.line, kept, tt.keep)
		}
	}
}

func TestNewsDate(t *testing.T) {
	tests := []struct {
		lines []string
		want  string // "" for none
	}{
		{[]string{"(TTXVN) – Chiều 17/6, tại Hà Nội, hai cơ quan đã ký kết quy chế."}, ""},
		{[]string{"(TTXVN) – Chiều 17/6, tại Hà Nội, hai cơ quan đã ký kết quy chế.", "![a](https://x.vn/stores/062020/17/a.jpg)"}, "2020-06-17"},
		{[]string{"![a](https://x.vn/a.jpg?rt=20200617191755)", "more(HDDTVN) – Chiều 17/6, tại Hà Nội, hai bên ký kết."}, "2020-06-17"},
		{[]string{"(PV) - Ngày 04/01/2018, tại Hà Nội, Ban Chỉ đạo đã họp."}, "2018-01-04"},
		// a date that opens a paragraph is taken only when no paragraph opens with a news tag
		{[]string{"Ngày 04/01/2018, Ban Chỉ đạo ban hành quyết định.", "(PV) – Sáng 5/3/2021, hai bên ký kết."}, "2021-03-05"},
		{[]string{"Ngày 04/01/2018, Ban Chỉ đạo ban hành quyết định."}, "2018-01-04"},
		{[]string{"Hai bên ký kết quy chế phối hợp."}, ""},
	}
	for _, tt := range tests {
		lines := linesOf(tt.lines...)
		p := &docParser{ds: &regnet.Dataset{}, src: &source{file: "t.txt", lines: lines}}
		var paras []newsPara
		for _, l := range lines {
			t := l.Text
			if m := reReadMore.FindStringIndex(t); m != nil {
				t = t[m[1]-1:]
			}
			paras = append(paras, newsPara{Line: l.No, Text: t})
		}
		got := ""
		if d := p.newsDate(paras); d != nil {
			got = *d
		}
		if got != tt.want {
			t.Errorf("%q: date %q, want %q", tt.lines, got, tt.want)
		}
	}
}

// agreementDuties parses a news page about an agreement between the
// national market management body and the national steering committee,
// with paragraph as its second paragraph, and returns that paragraph's
// duties as "HOLDER ROLE PARTNER" lines, sorted.
func agreementDuties(t *testing.T, paragraph string) []string {
	t.Helper()
	page := strings.Join([]string{
		"Ký kết quy chế phối hợp", "=====", "",
		"Theo quy chế phối hợp giữa Tổng cục Quản lý thị trường và Ban Chỉ đạo 389 quốc gia, hai bên thống nhất các nguyên tắc phối hợp.", "",
		paragraph,
	}, "\n")
	ds, err := New().Parse(Input{Name: "tin.txt", Data: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, a := range ds.Agencies {
		kinds[a.ID] = a.Kind
	}
	var out []string
	for _, d := range ds.Duties {
		if !strings.HasSuffix(d.Provision, "#TEXT/2") {
			t.Errorf("a duty in %s: %q", d.Provision, d.Text)
			continue
		}
		text := []rune(ds.Provisions[1].Text)
		for _, e := range d.Evidence {
			if string(text[e.Start:e.End]) != e.Words {
				t.Errorf("evidence %+v: the text there is %q", e, string(text[e.Start:e.End]))
			}
		}
		out = append(out, kinds[d.Agency]+" "+d.Role+" "+kinds[d.Partners[0]])
	}
	sort.Strings(out)
	return out
}

func TestAgreementStatements(t *testing.T) {
	both := func(role string) string {
		return "MARKET_MANAGEMENT " + role + " STEERING_COMMITTEE_389,STEERING_COMMITTEE_389 " + role + " MARKET_MANAGEMENT"
	}
	tests := []struct {
		paragraph string
		want      string // comma-separated, sorted
	}{
		// either party, on the other's request: both perform
		{"Khi một trong hai bên có yêu cầu phối hợp, bên kia phải kịp thời cung cấp thông tin.", both("PERFORM")},
		// a named party holds its own statement; the other is its partner
		{"Tổng cục Quản lý thị trường có trách nhiệm chỉ đạo các đơn vị trực thuộc cung cấp thông tin.", "MARKET_MANAGEMENT DIRECT STEERING_COMMITTEE_389"},
		// cues side by side give a statement each
		{"Hai bên có trách nhiệm chỉ đạo, hướng dẫn các cơ quan ở địa phương.", both("DIRECT") + "," + both("GUIDE")},
		// a cue that complements the governing one adds none; no subject binds both
		{"Phối hợp tham mưu, đề xuất Ban Chỉ đạo 389 quốc gia ban hành văn bản chỉ đạo.", both("COORDINATE")},
		// acting together
		{"Đối với vụ việc phức tạp, hai bên chủ động cùng thống nhất nội dung thông tin.", both("COORDINATE")},
		// the parties' own action
		{"Hai bên định kỳ hằng quý trao đổi thông tin về tình hình buôn lậu.", both("PERFORM")},
		// what was agreed on, a purpose, an event, a noun: no statement
		{"Theo đó, hai bên thống nhất các nguyên tắc, chế độ phối hợp công tác.", ""},
		{"Tại hội nghị, lãnh đạo hai bên khẳng định việc ký quy chế là căn cứ để hai bên phối hợp chặt chẽ.", ""},
		{"Chiều 17/6, hai bên đã ký kết Quy chế phối hợp.", ""},
	}
	for _, tt := range tests {
		var want []string
		if tt.want != "" {
			want = strings.Split(tt.want, ",")
			sort.Strings(want)
		}
		if got := agreementDuties(t, tt.paragraph); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%q:\n got %v\nwant %v", tt.paragraph, got, want)
		}
	}
}

func TestNewsReport(t *testing.T) {
	ds := parseTestdata(t, "news/agreement_page.txt")
	doc := ds.Documents[0]
	if doc.Kind != regnet.KindTinTuc || doc.Issued == nil || *doc.Issued != "2021-03-05" || doc.Title != "Ký kết quy chế phối hợp chống hàng giả" {
		t.Errorf("document %+v", doc)
	}
	if len(ds.Provisions) != 5 {
		t.Errorf("%d provisions, want 5", len(ds.Provisions))
	}
	if len(ds.Schedules) != 1 {
		t.Fatalf("schedules %+v, want one", ds.Schedules)
	}
	s := ds.Schedules[0]
	if s.ID != doc.ID+"#TEXT/3#schedule/1" || s.Kind != regnet.ScheduleReport || s.When != "định kỳ hằng tháng" || len(s.Agencies) != 2 || len(s.To) != 2 {
		t.Errorf("schedule %+v", s)
	}
	if n := len(ds.Duties); n != 7 {
		t.Errorf("%d duties, want 7", n)
	}
}
