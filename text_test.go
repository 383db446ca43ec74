package regnet_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/regnet/regnet"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hải quan", "hai quan"},
		{"ĐIỆN BIÊN", "dien bien"},
		{"Quản  lý\tthị\ntrường ", "quan ly thi truong"},
		{"Ha\u0309i quan", "hai quan"}, // NFD: a + combining hook above
		{"83/2025/QĐ-UBND", "83/2025/qd-ubnd"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := regnet.Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Lạng Sơn", "lang-son"},
		{"83/2025/QĐ-UBND", "83-2025-qd-ubnd"},
		{"  Chi cục Hải quan khu vực VI ", "chi-cuc-hai-quan-khu-vuc-vi"},
	}
	for _, tt := range tests {
		if got := regnet.Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDeadlineEnd(t *testing.T) {
	date := func(s string) *string { return &s }
	tests := []struct {
		d    regnet.Deadline
		want string
	}{
		{regnet.Deadline{Kind: regnet.DeadlineDate, Date: date("2025-12-20")}, "2025-12-20"},
		{regnet.Deadline{Kind: regnet.DeadlineDate, Date: date("2026-02")}, "2026-02-28"},
		{regnet.Deadline{Kind: regnet.DeadlineDate, Date: date("2028-02")}, "2028-02-29"},
		{regnet.Deadline{Kind: regnet.DeadlineDate, Date: date("2026")}, "2026-12-31"},
		{regnet.Deadline{Kind: regnet.DeadlineRecurring}, ""},
		{regnet.Deadline{Kind: regnet.DeadlinePeriodic, Date: date("2026")}, ""},
	}
	for _, tt := range tests {
		if got := tt.d.End(); got != tt.want {
			t.Errorf("%+v.End() = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestErrorCode(t *testing.T) {
	notFound := regnet.Errorf(regnet.ENOTFOUND, "no agency %q", "x")
	wrapped := fmt.Errorf("resolve: %w", notFound)
	tests := []struct {
		err  error
		code string
	}{
		{nil, ""},
		{notFound, regnet.ENOTFOUND},
		{wrapped, regnet.ENOTFOUND},
		{regnet.Unavailable(errors.New("dial tcp: refused")), regnet.EUNAVAILABLE},
		{errors.New("boom"), regnet.EINTERNAL},
	}
	for _, tt := range tests {
		if got := regnet.ErrorCode(tt.err); got != tt.code {
			t.Errorf("ErrorCode(%v) = %q, want %q", tt.err, got, tt.code)
		}
	}
}

func TestNumberKey(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"1458/SCT- NL", "1458/SCT-NL"},
		{"31/2012/TTLT-BCT-BKH &ĐT", "31/2012/TTLT-BCT-BKH&ĐT"},
		{"83/2025/QĐ-UBND", "83/2025/qđ-ubnd"},
	} {
		if regnet.NumberKey(tc.a) != regnet.NumberKey(tc.b) {
			t.Errorf("regnet.NumberKey(%q) = %q, regnet.NumberKey(%q) = %q: want equal", tc.a, regnet.NumberKey(tc.a), tc.b, regnet.NumberKey(tc.b))
		}
	}
	if regnet.NumberKey("83/2025/QĐ-UBND") == regnet.NumberKey("8/32025/QĐ-UBND") {
		t.Error("the slashes between a number's parts are lost")
	}
	if regnet.NumberKey("19/2016/QĐ-UBND") == regnet.NumberKey("19/2016/QĐ-TTg") {
		t.Error("a province's decision and the Prime Minister's share a key")
	}
}
