package loader_test

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/loader"
)

// variant is what one document of testdata/metadata/variants says of
// itself: every metadata field, as a reader of the document would state it.
type variant struct {
	file                            string
	number, kind, province, level   string
	status, issued, effective, rule string
	signer                          string
	basedOn, replaces               []string
	warnings                        []string // each must be in a warning
}

// Each file is one way real documents arrive from the legal portals (one
// variant alone, or several together): header layouts, portal noise,
// damaged text, numbers, dates, effective-date wordings, legal bases and
// proposals, replacements.
var variants = []variant{
	{file: "blank_lines.txt", number: "25/2019/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Quảng Nam",
		issued: "2019-08-12", effective: "2019-09-01", signer: "Lê Văn Thanh",
		basedOn: []string{"19/2016/QĐ-TTg"}},
	{file: "cell_per_line.txt", number: "07/2020/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Tuyên Quang",
		issued: "2020-03-05", effective: "2020-03-05", signer: "Phạm Minh Huấn",
		basedOn: []string{"185/2013/NĐ-CP"}},
	{file: "pipe_rows.txt", number: "1425/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Ninh Thuận",
		issued: "2021-11-09", effective: "2021-11-09", signer: "Nguyễn Long Biên",
		basedOn: []string{"19/2016/QĐ-TTg"}},
	{file: "stars_motto.txt", number: "42/2012/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Hậu Giang",
		issued: "2012-05-07", effective: "2012-05-17", rule: "sau 10 (mười) ngày kể từ ngày ký", signer: "Trần Công Chánh",
		basedOn: []string{"10/CP"}},
	{file: "issuer_only_title.txt", number: "88/KH-UBND", kind: regnet.KindKeHoach, province: "Nghệ An",
		issued: "2023-02-15", signer: "Bùi Đình Long",
		basedOn: []string{"12/KH-BCĐ389"}},
	{file: "issuer_only_place.txt", number: "2105/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Bình Định",
		issued: "2018-06-21", effective: "2018-06-21", signer: "Phan Cao Thắng"},
	{file: "issuer_none.txt", number: "310/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "", level: regnet.LevelProvincial,
		issued: "2015-04-02", effective: "2015-04-02", signer: "Đoàn Tấn Bửu",
		warnings: []string{"no province found"}},
	{file: "steering_board.txt", number: "05/QĐ-BCĐ389", kind: regnet.KindQuyetDinh, province: "Lào Cai",
		issued: "2022-01-18", effective: "2022-01-18", signer: "Hoàng Quốc Khánh",
		basedOn: []string{"389/QĐ-TTg", "4021/QĐ-UBND"}, replaces: []string{"02/QĐ-BCĐ389"}},
	{file: "chairman.txt", number: "1190/QĐ-CT", kind: regnet.KindQuyetDinh, province: "Sơn La",
		issued: "2014-06-03", effective: "2014-06-10", signer: "Cầm Ngọc Minh",
		basedOn: []string{"30/CT-TTg"}},
	{file: "customs_department.txt", number: "512/QĐ-HQĐT", kind: regnet.KindQuyetDinh, province: "Đồng Tháp",
		issued: "2007-09-14", effective: "2007-09-14", signer: "Nguyễn Văn Trung",
		basedOn: []string{"02/2006/QĐ-BTC"}},
	{file: "prime_minister.txt", number: "65/2010/QĐ-TTg", kind: regnet.KindQuyetDinh, level: regnet.LevelNational,
		issued: "2010-10-26", rule: "sau 15 ngày kể từ ngày đăng Công báo", signer: "Nguyễn Sinh Hùng",
		replaces: []string{"96/TTg"}},
	{file: "national_board_plan.txt", number: "45/KH-BCĐ389", kind: regnet.KindKeHoach, level: regnet.LevelNational,
		issued: "2024-01-20", signer: "Lê Minh Khái",
		basedOn: []string{"10/CT-TTg"}},
	{file: "ministry.txt", number: "18/2004/TM-QLTT", kind: regnet.KindQuyetDinh, level: regnet.LevelNational,
		issued: "2004-08-13", effective: "2004-08-13", signer: "Nguyễn Thành Biên",
		basedOn: []string{"29/2004/NĐ-CP", "09/2000/TT-BTM"}},
	{file: "no_title.txt", number: "2788/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Kiên Giang",
		issued: "2020-12-30", effective: "2020-12-30", signer: "Lê Quốc Anh",
		basedOn: []string{"19/2016/QĐ-TTg"}},
	{file: "code_contradicts.txt", number: "14/CT-UBND", kind: regnet.KindQuyetDinh, province: "Hà Tĩnh",
		issued: "2017-07-22", effective: "2017-07-22", signer: "Lê Đình Sơn"},
	{file: "portal_noise.txt", number: "31/2019/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Bắc Giang",
		issued: "2019-08-16", effective: "2019-09-01", signer: "Dương Văn Thái",
		basedOn: []string{"19/2016/QĐ-TTg"}},
	{file: "portal_fills.txt", number: "1652/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Gia Lai",
		issued: "2016-09-27", effective: "2016-10-07", signer: "Võ Ngọc Thành",
		basedOn: []string{"19/2016/QĐ-TTg"}, warnings: []string{"body has no articles"}},
	{file: "portal_only_header.txt", number: "27/2015/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Lai Châu",
		issued: "2015-09-15", effective: "2015-09-25", rule: "sau 10 ngày kể từ ngày ký", signer: "Đỗ Ngọc An",
		basedOn: []string{"1388/QĐ-UBND"}},
	{file: "escaped_crlf.txt", number: "21/2018/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "An Giang",
		issued: "2018-06-25", effective: "2018-07-10", signer: "Vương Bình Thạnh",
		basedOn: []string{"12/2018/NĐ-CP"}},
	{file: "lost_letters.txt", number: "3310/2009/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Thanh Hóa",
		issued: "2009-08-13", effective: "2009-08-23", rule: "sau 10 ngày kể từ ngày ký", signer: "Nguyễn Văn Lợi",
		basedOn: []string{"06/2008/NĐ-CP", "19/2008/TT-BCT"}},
	{file: "bases_many.txt", number: "09/2021/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Quảng Trị",
		issued: "2021-03-19", effective: "2021-04-01", signer: "Võ Văn Hưng",
		basedOn: []string{"77/2015/QH13", "80/2015/QH13", "34/2016/NĐ-CP", "154/2020/NĐ-CP", "19/2016/QĐ-TTg",
			"1011/QĐ-TTg", "31/2012/TTLT-BCT-BKH &ĐT", "842-TB/TU", "45/2020/NQ-HĐND", "1458/SCT- NL", "2210/QĐ-UBND"},
		replaces: []string{"20/2016/QĐ-UBND", "41/2017/QĐ-UBND"}},
	{file: "bases_list_replaces_list.txt", number: "33/2019/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Đắk Lắk",
		issued: "2019-12-10", effective: "2019-12-20", signer: "Phạm Ngọc Nghị",
		basedOn: []string{"185/2013/NĐ-CP", "19/2016/QĐ-TTg"}, replaces: []string{"12/2010/QĐ-UBND", "14/2011/QĐ-UBND"}},
	{file: "only_article2.txt", number: "55/2013/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Long An",
		issued: "2013-11-04", effective: "2013-11-14", rule: "sau 10 (mười) ngày kể từ ngày ký", signer: "Đỗ Hữu Lâm",
		basedOn: []string{"30/CT-TTg"}, replaces: []string{"12/2005/QĐ-UBND"},
		warnings: []string{"Điều 2 is the first article"}},
	{file: "no_articles.txt", number: "2456/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Tây Ninh",
		issued: "2019-10-08", basedOn: []string{"19/2016/QĐ-TTg"},
		warnings: []string{"body has no articles", "no signer"}},
	{file: "annex_right_after.txt", number: "19/2016/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Bắc Ninh",
		issued: "2016-05-23", effective: "2016-05-23", signer: "Nguyễn Tử Quỳnh",
		basedOn: []string{"19/2016/QĐ-TTg"}},
	{file: "signature_run_in.txt", number: "61/2019/QĐ-UBND", kind: regnet.KindQuyChe, province: "Vĩnh Phúc",
		issued: "2019-12-23", effective: "2020-01-03", signer: "Vũ Chí Giang"},
	{file: "draft_blank_dates.txt", kind: regnet.KindQuyetDinh, province: "Lai Châu", status: regnet.StatusDraft,
		basedOn: []string{"72/2025/QH15", "19/2016/QĐ-TTg"}},
	{file: "directive_no_articles.txt", number: "05/CT-UBND", kind: regnet.KindChiThi, province: "Phú Thọ",
		issued: "2018-03-20", effective: "2018-03-20", signer: "Bùi Văn Quang",
		warnings: []string{"body has no articles"}},
	{file: "council_resolution.txt", number: "45/2020/NQ-HĐND", kind: regnet.KindNghiQuyet, province: "Hưng Yên",
		issued: "2020-12-10", effective: "2021-01-01", signer: "Trần Quốc Toản"},
	{file: "effective_after_articles.txt", number: "1203/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Quảng Bình",
		issued: "2012-05-02", effective: "2012-05-07", signer: "Nguyễn Hữu Hoài",
		replaces: []string{"2010/QĐ-UBND"}},
	{file: "plan_period.txt", number: "134/KH-UBND", kind: regnet.KindKeHoach, province: "Cà Mau",
		issued: "2021-09-16", signer: "Lâm Văn Bi"},
	{file: "plan_replaces_itself.txt", number: "150/KH-UBND", kind: regnet.KindKeHoach, province: "Bình Phước",
		issued: "2022-06-02", signer: "Trần Tuệ Hiền",
		basedOn: []string{"19/2016/QĐ-TTg"}, replaces: []string{"99/KH-UBND"}},
	{file: "combo_portal_cells_national.txt", number: "2288/QĐ-BCT", kind: regnet.KindQuyetDinh, level: regnet.LevelNational,
		issued: "2016-06-17", effective: "2016-06-17", signer: "Đỗ Thắng Hải",
		basedOn: []string{"95/2012/NĐ-CP", "34/2018/QĐ-TTg"}},
	{file: "combo_pipe_no_title.txt", number: "17/2022/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Long An",
		issued: "2022-05-09", effective: "2022-05-19", rule: "sau 10 ngày, kể từ ngày ký", signer: "Nguyễn Minh Lâm",
		basedOn: []string{"19/2016/QĐ-TTg"}, replaces: []string{"55/2013/QĐ-UBND"}},
	{file: "combo_heading_line_national.txt", number: "1011/QĐ-TTg", kind: regnet.KindQuyetDinh, level: regnet.LevelNational,
		issued: "2019-07-12", effective: "2019-07-12", signer: "Nguyễn Xuân Phúc",
		basedOn: []string{"389/QĐ-TTg"}, replaces: []string{"2151/QĐ-TTg"}},
	{file: "combo_plan_bases_section.txt", number: "96/KH-UBND", kind: regnet.KindKeHoach, province: "Hòa Bình",
		issued: "2020-06-04", signer: "Nguyễn Văn Chương",
		basedOn: []string{"19/2016/QĐ-TTg", "25/KH-BCĐ389"}},
	{file: "flattened_rows.txt", number: "1534/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Bắc Kạn",
		issued: "2017-09-12", effective: "2017-09-12", signer: "Đỗ Thị Minh Hoa",
		basedOn: []string{"19/2016/QĐ-TTg"}},
	{file: "national_department_annex.txt", number: "3130/QĐ-TCHQ", kind: regnet.KindQuyChe, level: regnet.LevelNational,
		issued: "2019-09-27", effective: "2019-09-27", signer: "Nguyễn Dương Thái",
		basedOn: []string{"54/2014/QH13", "65/2015/QĐ-TTg"}},
	{file: "board_plan_wrapped_basis.txt", number: "12/KH-BCĐ389", kind: regnet.KindKeHoach, province: "Quảng Ngãi",
		issued: "2022-03-15", signer: "Trần Phước Hiền",
		basedOn: []string{"19/2016/QĐ-TTg", "30/KH-UBND"}},
	{file: "combo_crlf_wraps.txt", number: "08/2017/QĐ-UBND", kind: regnet.KindQuyetDinh, province: "Yên Bái",
		issued: "2017-06-02", effective: "2017-06-17", rule: "sau 15 ngày kể từ ngày ký", signer: "Phạm Thị Thanh Trà",
		basedOn: []string{"185/2013/NĐ-CP", "124/2015/NĐ-CP"}},
}

// TestVariantMetadata reads every variant document and checks every
// metadata field: number, kind, province, level, status, issue and
// effective dates, the effective-date rule, signer, legal bases (exactly:
// no proposal, no number from a cited title) and replaced documents.
func TestVariantMetadata(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "metadata", "variants", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, v := range variants {
		listed[v.file] = true
	}
	for _, f := range files {
		if !listed[filepath.Base(f)] {
			t.Errorf("%s has no expectations in the variants table", f)
		}
	}
	for _, v := range variants {
		t.Run(strings.TrimSuffix(v.file, ".txt"), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "metadata", "variants", v.file))
			if err != nil {
				t.Fatal(err)
			}
			ds, err := loader.New().Parse(loader.Input{Name: v.file, Data: data})
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Documents) != 1 {
				t.Fatalf("%d documents, want 1", len(ds.Documents))
			}
			d := ds.Documents[0]
			level, status := v.level, v.status
			if level == "" {
				level = regnet.LevelProvincial
			}
			if status == "" {
				status = regnet.StatusIssued
			}
			for _, c := range []struct{ what, got, want string }{
				{"number", str(d.Number), v.number},
				{"kind", d.Kind, v.kind},
				{"province", d.Province, v.province},
				{"level", d.Level, level},
				{"status", d.Status, status},
				{"issued", str(d.Issued), v.issued},
				{"effective", str(d.Effective), v.effective},
				{"effectiveRule", str(d.EffectiveRule), v.rule},
				{"signer", str(d.Signer), v.signer},
			} {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
				}
			}
			if !slices.Equal(d.BasedOn, orEmpty(v.basedOn)) {
				t.Errorf("basedOn = %q\nwant      %q", d.BasedOn, orEmpty(v.basedOn))
			}
			if !slices.Equal(d.Replaces, orEmpty(v.replaces)) {
				t.Errorf("replaces = %q, want %q", d.Replaces, orEmpty(v.replaces))
			}
			var msgs []string
			for _, w := range ds.Warnings {
				msgs = append(msgs, w.Message)
			}
			joined := strings.Join(msgs, "; ")
			for _, want := range v.warnings {
				if !strings.Contains(joined, want) {
					t.Errorf("warnings %q lack %q", joined, want)
				}
			}
		})
	}
}

// TestUnknownAgencies checks that agencies the ontology does not know are
// reported with the nearest known kind, and known ones are not.
func TestUnknownAgencies(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "metadata", "unknown_agencies.txt"))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := loader.New().Parse(loader.Input{Name: "unknown_agencies.txt", Data: data})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // name → nearest kind
		"Sở Ngoại vụ":                          "HOME_AFFAIRS",
		"Ban Quản lý các khu công nghiệp tỉnh": "ECONOMIC_ZONE_AUTHORITY",
		"Cục Quản lý đường bộ":                 "MARKET_MANAGEMENT",
	}
	got := map[string]string{}
	for _, w := range ds.Warnings {
		var name, kind string
		if i := strings.Index(w.Message, "nearest kind "); i >= 0 {
			kind = strings.Fields(w.Message[i+len("nearest kind "):])[0]
			kind = strings.TrimRight(kind, ",")
		}
		if _, rest, ok := strings.Cut(w.Message, "\""); ok {
			name, _, _ = strings.Cut(rest, "\"")
		}
		if name == "" || w.Line == 0 {
			t.Errorf("unexpected warning %+v", w)
			continue
		}
		got[name] = kind
	}
	if !maps.Equal(got, want) {
		t.Errorf("unknown agencies %v, want %v", got, want)
	}
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
