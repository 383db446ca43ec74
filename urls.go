package regnet

import "strings"

// DocumentPathPrefix begins the explorer's address of every document:
// /van-ban/83-2025-qd-ubnd. The address is made from the document id alone,
// so it stays the same across loads and stores.
const DocumentPathPrefix = "/van-ban/"

// DocumentURL is the address of a document in the explorer: its full text
// and metadata.
func DocumentURL(documentID string) string {
	return DocumentPathPrefix + strings.TrimPrefix(documentID, "doc:")
}

// DocumentIDFromURL is DocumentURL backwards: the id of the document an
// explorer address names ("" when it names none).
func DocumentIDFromURL(path string) string {
	slug, ok := strings.CutPrefix(path, DocumentPathPrefix)
	if !ok || slug == "" || strings.Contains(slug, "/") {
		return ""
	}
	return "doc:" + slug
}

// ProvisionAnchor is the fragment that marks a provision in its document's
// page: the slug of its path as people cite it ("Điều 7 khoản 4 điểm c" →
// dieu-7-khoan-4-diem-c). A Quyết định's own articles are numbered apart
// from those of the quy chế it issues, so theirs start with quyet-dinh- (as
// their path, "Quyết định, Điều 1", usually says already).
// The điểm letter đ, which follows d, is written dd so the two stay apart.
func ProvisionAnchor(p *Provision) string {
	words := strings.Fields(p.Path)
	for i, w := range words {
		if w == "đ" || w == "Đ" {
			words[i] = "dd"
		}
	}
	a := Slug(strings.Join(words, " "))
	if a == "" {
		_, key, _ := strings.Cut(p.ID, "#")
		a = Slug(key)
	}
	if p.Part == PartDecision && !strings.HasPrefix(a, "quyet-dinh") {
		a = "quyet-dinh-" + a
	}
	return a
}

// URL is the address of the provision in the explorer: its document's page,
// at the provision.
func (p *Provision) URL() string {
	return DocumentURL(p.Document) + "#" + ProvisionAnchor(p)
}

// URL is the address of the document in the explorer.
func (d *Document) URL() string { return DocumentURL(d.ID) }
