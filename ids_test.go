package regnet

import "testing"

func TestIDs(t *testing.T) {
	if got := ProvinceID("Lạng Sơn"); got != "province:lang-son" {
		t.Errorf("ProvinceID = %q", got)
	}
	if got := DocumentID("83/2025/QĐ-UBND"); got != "doc:83-2025-qd-ubnd" {
		t.Errorf("DocumentID = %q", got)
	}
	p := ProvisionID("doc:83-2025-qd-ubnd", "REGULATION/7/4/c")
	if p != "doc:83-2025-qd-ubnd#REGULATION/7/4/c" || DocumentOf(p) != "doc:83-2025-qd-ubnd" {
		t.Errorf("ProvisionID = %q, DocumentOf = %q", p, DocumentOf(p))
	}
	if got := DocumentOf("doc:83-2025-qd-ubnd"); got != "" {
		t.Errorf("DocumentOf of an id without # = %q, want empty", got)
	}
}

// TestFindProvince checks the one rule by which a typed province is found.
func TestFindProvince(t *testing.T) {
	ls := &Province{ID: "province:lang-son", Name: "Lạng Sơn"}
	db := &Province{ID: "province:dien-bien", Name: "Điện Biên"}
	list := []*Province{db, ls}
	for _, name := range []string{"Lạng Sơn", "province:lang-son", "lang son", "LẠNG SƠN", "lang-son"} {
		p, err := FindProvince(list, name)
		if err != nil || p != ls {
			t.Errorf("FindProvince(%q) = %v, %v; want Lạng Sơn", name, p, err)
		}
	}
	for _, c := range []struct{ name, code string }{{"", EINVALID}, {"  ", EINVALID}, {"Hà Nội", ENOTFOUND}, {"lang", ENOTFOUND}} {
		if _, err := FindProvince(list, c.name); ErrorCode(err) != c.code {
			t.Errorf("FindProvince(%q): %v; want %s", c.name, err, c.code)
		}
	}
	twins := []*Province{{ID: "a", Name: "Lạng Sơn"}, {ID: "b", Name: "Lang Son"}}
	if _, err := FindProvince(twins, "lang son"); ErrorCode(err) != ENOTFOUND {
		t.Errorf("two provinces matching loosely: %v; want NOT_FOUND", err)
	}
	if _, err := FindProvince(nil, "Lạng Sơn"); err == nil {
		t.Error("no provinces: found one")
	}
}

func TestSearchWords(t *testing.T) {
	got := SearchWords("Chi cục Hải quan, cửa khẩu Hữu Nghị (số 1)")
	want := []string{"chi", "cuc", "hai", "quan", "cua", "khau", "huu", "nghi", "so", "1"}
	if len(got) != len(want) {
		t.Fatalf("SearchWords = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("SearchWords = %q, want %q", got, want)
		}
	}
	text := "Hải quan: cửa khẩu"
	var words []string
	WordSpans(text, func(start, end int) { words = append(words, text[start:end]) })
	if len(words) != 4 || words[0] != "Hải" || words[3] != "khẩu" {
		t.Errorf("WordSpans = %q", words)
	}
}
