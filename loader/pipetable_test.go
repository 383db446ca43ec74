package loader

import "testing"

func TestParsePipeTableGroups(t *testing.T) {
	lines := []Line{
		{1, "PHỤ LỤC"},
		{2, "| TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn |"},
		{3, "|:--|:--|:--|:--|:--|"},
		{4, "| I | Công tác tham mưu | | | |"},
		{5, "| 1 | Xây dựng kế hoạch | Sở Công Thương | Công an tỉnh | 02/2025 |"},
		{6, "| 2 | Tổng kết | Sở Công Thương | | 12/2025 |"},
		{7, "| II | Công tác kiểm tra | | | |"},
		{8, "| 1 | Kiểm tra thị trường | Chi cục Quản lý thị trường | | Thường xuyên |"},
		{9, "| 2 | Kiểm tra hàng nhập | | | Quý II/2025 |"},
	}
	rows, warns := parsePipeTable(lines)
	if len(rows) != 4 {
		t.Fatalf("%d rows, want 4: %+v", len(rows), rows)
	}
	want := []struct {
		group, row      int
		title, deadline string
		leads, text     string
	}{
		{1, 1, "Công tác tham mưu", "02/2025", "Sở Công Thương", "Xây dựng kế hoạch"},
		{1, 2, "Công tác tham mưu", "12/2025", "Sở Công Thương", "Tổng kết"},
		{2, 1, "Công tác kiểm tra", "Thường xuyên", "Chi cục Quản lý thị trường", "Kiểm tra thị trường"},
		{2, 2, "Công tác kiểm tra", "Quý II/2025", "", "Kiểm tra hàng nhập"},
	}
	for i, w := range want {
		r := rows[i]
		if r.Group != w.group || r.Row != w.row || r.GroupTitle != w.title || r.Deadline != w.deadline || r.Leads != w.leads || r.Text != w.text {
			t.Errorf("row %d = %+v, want %+v", i+1, r, w)
		}
	}
	if len(warns) != 1 || warns[0].Line != 9 {
		t.Errorf("warnings %v, want one for the row without a lead (line 9)", warns)
	}

	if rows, warns := parsePipeTable([]Line{{1, "| A | B | C |"}, {2, "| x | y | z |"}}); rows != nil || len(warns) != 1 {
		t.Errorf("a table without task or lead columns: rows %v, warnings %v", rows, warns)
	}
}
