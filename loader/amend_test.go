package loader

import (
	"slices"
	"testing"
)

func TestAmendedProvisions(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Sửa đổi, bổ sung khoản 3 Điều 7 Quy chế ban hành kèm theo Quyết định số 83/2025/QĐ-UBND",
			[]string{"Điều 7 khoản 3"}},
		{"Sửa đổi khoản 3 và khoản 4 Điều 7, bổ sung Điều 9a và Điều 12 của Quy chế",
			[]string{"Điều 7 khoản 3", "Điều 7 khoản 4", "Điều 9a", "Điều 12"}},
		{"Bãi bỏ điểm c khoản 4 Điều 7 Quy chế phối hợp", []string{"Điều 7 khoản 4 điểm c"}},
		{"bãi bỏ điểm a, điểm đ khoản 2 Điều 5", []string{"Điều 5 khoản 2 điểm a", "Điều 5 khoản 2 điểm đ"}},
		// Before the cue an article is not an amended one.
		{"Theo Điều 3, sửa đổi, bổ sung Quyết định số 83/2025/QĐ-UBND", []string{}},
		// "điều kiện" is not an article.
		{"Sửa đổi điều kiện kinh doanh theo Quy chế", []string{}},
		{"Rà soát các quy định tại Điều 7", []string{}},
	}
	for _, tt := range tests {
		if got := amendedProvisions(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("amendedProvisions(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
