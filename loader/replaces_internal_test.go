package loader

import (
	"slices"
	"testing"
)

// TestReadReplacesWholeOrPart checks that only a document replaced or
// repealed as a whole is listed: replacing or repealing one of its parts
// leaves it in force.
func TestReadReplacesWholeOrPart(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"whole", "Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 12/2010/QĐ-UBND ngày 01 tháng 3 năm 2010 của UBND tỉnh.", []string{"12/2010/QĐ-UBND"}},
		{"whole repeal", "Bãi bỏ Quyết định số 55/2013/QĐ-UBND của UBND tỉnh.", []string{"55/2013/QĐ-UBND"}},
		{"one clause repealed", "Bãi bỏ khoản 3 Điều 7 của Quyết định số 09/2017/QĐ-UBND ngày 28 tháng 3 năm 2017 của UBND tỉnh.", []string{}},
		{"one article replaced", "Thay thế Điều 5 Quy chế ban hành kèm theo Quyết định số 20/2016/QĐ-UBND.", []string{}},
		{"a point", "Bãi bỏ điểm c khoản 2 Điều 4 Quyết định số 41/2017/QĐ-UBND.", []string{}},
		{"some articles", "Bãi bỏ một số điều của Quyết định số 14/2011/QĐ-UBND.", []string{}},
		{"an appendix", "Thay thế Phụ lục II ban hành kèm theo Quyết định số 14/2011/QĐ-UBND.", []string{}},
		{"part, then whole in another sentence", "Bãi bỏ khoản 3 Điều 7 của Quyết định số 09/2017/QĐ-UBND. Quyết định này thay thế Quyết định số 36/2024/QĐ-UBND.", []string{"36/2024/QĐ-UBND"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := readReplaces(tt.text, nil, false); !slices.Equal(got, tt.want) {
				t.Errorf("readReplaces(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
