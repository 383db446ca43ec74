package loader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/regnet/regnet"
)

// parseTestdata parses one testdata document with the bundled ontology.
func parseTestdata(t *testing.T, path string) *regnet.Dataset {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", path))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := New().Parse(Input{Name: filepath.Base(path), Data: data})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// unitKeys gives the "KIND" or "KIND:key" part of agency ids, for short
// expectations.
func unitKeys(ids []string) string {
	var out []string
	for _, id := range ids {
		parts := strings.SplitN(id, ":", 3)
		out = append(out, parts[len(parts)-1])
	}
	return strings.Join(out, " ")
}

func TestPlanTasks(t *testing.T) {
	ds := parseTestdata(t, "plan/tasks_former_names.txt")
	byID := map[string]regnet.PlanAction{}
	for _, a := range ds.PlanActions {
		byID[strings.SplitN(a.ID, "#", 2)[1]] = a
	}
	tests := []struct {
		id, leads, coordinators, deadline, date string
	}{
		// a generic name is the unit the plan's own headings name
		{"PLAN/II.1.1/-1", "MARKET_MANAGEMENT:cuc-quan-ly-thi-truong", "TAX:cuc-thue", regnet.DeadlineUnspecified, ""},
		// report recipients are not co-ordinators; "trước ngày" gives a date
		{"PLAN/II.1.1/-2", "MARKET_MANAGEMENT:cuc-quan-ly-thi-truong", "", regnet.DeadlineDate, "2021-12-15"},
		{"PLAN/II.1.2/-1", "TAX:cuc-thue", "MARKET_MANAGEMENT:cuc-quan-ly-thi-truong", regnet.DeadlineUnspecified, ""},
		// an appraiser and the body submitted to are not co-ordinators
		{"PLAN/II.1.2/-2", "TAX:cuc-thue", "", regnet.DeadlineUnspecified, ""},
		// nor the destination of a report and the channel it goes through
		{"PLAN/II.1.3/-1", "CONSTRUCTION", "POLICE", regnet.DeadlineUnspecified, ""},
	}
	if len(ds.PlanActions) != len(tests) {
		t.Errorf("got %d plan actions, want %d", len(ds.PlanActions), len(tests))
	}
	for _, tt := range tests {
		a, ok := byID[tt.id]
		if !ok {
			t.Errorf("no plan action %s", tt.id)
			continue
		}
		date := ""
		if a.Deadline.Date != nil {
			date = *a.Deadline.Date
		}
		if got := unitKeys(a.Leads); got != tt.leads {
			t.Errorf("%s leads %q, want %q", tt.id, got, tt.leads)
		}
		if got := unitKeys(a.Coordinators); got != tt.coordinators {
			t.Errorf("%s coordinators %q, want %q", tt.id, got, tt.coordinators)
		}
		if a.Deadline.Kind != tt.deadline || date != tt.date {
			t.Errorf("%s deadline %s %q, want %s %q", tt.id, a.Deadline.Kind, date, tt.deadline, tt.date)
		}
	}
}

func TestTaskDeadline(t *testing.T) {
	tests := []struct{ text, kind, date, raw string }{
		{"Kiểm tra các chợ trên địa bàn.", regnet.DeadlineUnspecified, "", ""},
		{"Tăng cường kiểm tra thường xuyên, kịp thời xử lý.", regnet.DeadlineUnspecified, "", ""},
		{"Kiểm tra theo định kỳ, chuyên đề và đột xuất.", regnet.DeadlineUnspecified, "", ""},
		{"Ban hành kế hoạch trước ngày 15/3/2026.", regnet.DeadlineDate, "2026-03-15", "trước ngày 15/3/2026"},
		{"Báo cáo trước ngày 20 hằng tháng.", regnet.DeadlineUnspecified, "", ""},
	}
	for _, tt := range tests {
		d := taskDeadline(tt.text)
		date := ""
		if d.Date != nil {
			date = *d.Date
		}
		if d.Kind != tt.kind || date != tt.date || d.Raw != tt.raw {
			t.Errorf("taskDeadline(%q) = %s %q %q, want %s %q %q", tt.text, d.Kind, date, d.Raw, tt.kind, tt.date, tt.raw)
		}
	}
}

func TestReceivers(t *testing.T) {
	o := DefaultOntology()
	tests := []struct {
		text string
		want string // for each mention: r (receives) or c (takes part)
	}{
		{"Chủ trì, phối hợp với Công an tỉnh, Sở Y tế kiểm tra.", "cc"},
		{"Tổng hợp, báo cáo UBND tỉnh, Ban Chỉ đạo 389 tỉnh kết quả.", "rr"},
		{"Gửi báo cáo tình hình về Sở Công Thương (qua Chi cục Quản lý thị trường) để tổng hợp.", "rr"},
		{"Tổng hợp hồ sơ gửi Sở Nội vụ thẩm định và trình Chủ tịch UBND tỉnh.", "rr"},
		{"Tham mưu cho UBND tỉnh; phối hợp với Sở Tài chính bố trí kinh phí.", "rc"},
		{"Các sở, ngành chủ trì rà soát, gửi báo cáo Sở Y tế tổng hợp, báo cáo UBND tỉnh.", "crr"},
		{"Rà soát các quy định về hải quan, phối hợp với Sở Tài chính.", "c"},
	}
	for _, tt := range tests {
		ms := o.findAgencies(tt.text)
		got := ""
		for _, r := range receivers(tt.text, ms) {
			if r {
				got += "r"
			} else {
				got += "c"
			}
		}
		if got != tt.want {
			t.Errorf("receivers(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
}

func TestOwnUnitsOf(t *testing.T) {
	o := DefaultOntology()
	unit := func(name string) *Unit { return o.findAgencies(name)[0].unit }
	own := ownUnitsOf([]*Unit{unit("Cục Thuế tỉnh"), unit("Cục Hải quan"), unit("Chi cục Hải quan khu vực VI"), unit("Sở Y tế"), unit("Cục Thuế")})
	if u := own["TAX"]; u == nil || u.Key != "cuc-thue" {
		t.Errorf("TAX: %v, want the Cục Thuế", u)
	}
	if u := own["CUSTOMS"]; u != nil {
		t.Errorf("CUSTOMS: %v, want none (two units named)", u.Name)
	}
	if u := own["HEALTH"]; u != nil {
		t.Errorf("HEALTH: %v, want none (the plain unit)", u.Name)
	}
}
