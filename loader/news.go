package loader

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/regnet/regnet"
)

// A news report reaches us as the text of a web page: the headline, a lead
// paragraph, photos with captions, the body, the author's name, and around
// them the site's menus, share buttons and links to other articles.
// readNews keeps the report's own paragraphs as provisions (part TEXT,
// "đoạn N") and reads from them what a coordination regulation between two
// bodies says: the two parties, the obligations it gives them as duty
// statements, any periodic exchange as a schedule, and the report's date.

// readNews reads a news report: its paragraphs as provisions, the agencies
// it names, and, when it reports a regulation between two bodies, their
// duties and schedules.
func (p *docParser) readNews() error {
	title, paras := newsParagraphs(p.src.lines, p.doc.Title)
	if title != "" {
		p.doc.Title = title
	}
	found := 0
	var provs []regnet.Provision
	for i, para := range paras {
		id := fmt.Sprintf("%s#TEXT/%d", p.doc.ID, i+1)
		provs = append(provs, regnet.Provision{
			ID: id, Document: p.doc.ID, Part: regnet.PartText, Path: fmt.Sprintf("đoạn %d", i+1), Text: para.Text, Line: para.Line,
		})
		for _, m := range p.ont.findAgencies(para.Text) {
			if m.unit.kind.Collective || m.weak || (p.doc.Province == "" && m.unit.Level != regnet.LevelNational) {
				continue // a provincial body named in a national report: which province is unknown
			}
			a := p.agencies.get(m.unit, p.doc.Province, "")
			p.keep[a.ID] = true
			found++
		}
	}
	if found == 0 {
		return &InputError{File: p.src.file, Line: p.src.lines[0].No, Msg: "no structure found: no document header, no article or section, no known agency"}
	}
	p.ds.Provisions = append(p.ds.Provisions, provs...)
	if p.doc.Issued == nil {
		p.doc.Issued = p.newsDate(paras)
	}
	if parties := p.newsParties(paras); len(parties) == 2 {
		p.readAgreement(provs, parties)
	}
	return nil
}

// newsPara is one paragraph of a news page that belongs to the report.
type newsPara struct {
	Line int
	Text string
}

var (
	reMarkdownLink = regexp.MustCompile(`!?\[[^\]]*\]\([^)]*\)`)
	// reReadMore is a "read more" button glued to the lead paragraph.
	reReadMore = regexp.MustCompile(`^(?i:more|xem thêm|đọc thêm)\s*\(`)
)

// relatedHeadings open the site's lists of other articles (folded); the
// titles under them are no part of the report.
var relatedHeadings = []string{"tin lien quan", "bai viet lien quan", "tin cung chuyen muc", "tin khac", "xem them", "doc them", "co the ban quan tam"}

// pageChrome opens a line of the site's furniture (folded): share and
// comment buttons, tags, copyright, menus.
var pageChrome = []string{"chia se", "binh luan", "tu khoa", "tags", "tag:", "ban quyen", "©", "copyright", "dang nhap", "dang ky nhan", "trang chu", "in bai", "gui bai", "gui email", "theo doi", "quay lai", "len dau trang"}

// newsParagraphs returns the headline of a news page (its first Markdown
// heading, else the line that is the document's title) and the paragraphs
// that are the report's: one per line, leaving out Markdown rules and
// images, a photo's caption (the one short sentence right under it), lines
// of links (menus, share buttons, "see more" teasers, related articles),
// bylines and other lines of a few words without a sentence, and the
// site's furniture.
func newsParagraphs(lines []Line, title string) (string, []newsPara) {
	raw := make([]newsPara, len(lines))
	for i, l := range lines {
		raw[i] = newsPara{Line: l.No, Text: l.Text}
	}
	headline := ""
	for i, para := range raw {
		if strings.HasPrefix(para.Text, "#") || i+1 < len(raw) && isRule(raw[i+1].Text) && !isRule(para.Text) {
			headline = strings.TrimSpace(strings.Trim(para.Text, "*_#> "))
			break
		}
	}
	if headline == "" {
		headline = title
	}
	var out []newsPara
	afterImage, inRelated, titled := false, false, false
	for _, para := range raw {
		t := strings.TrimSpace(strings.Trim(para.Text, "*_#> "))
		wasImage := afterImage
		afterImage = false
		switch {
		case isRule(para.Text) || t == "":
			continue
		case strings.HasPrefix(para.Text, "!["):
			afterImage = true
			continue
		case !titled && t == headline:
			titled = true
			continue
		}
		folded := regnet.Fold(t)
		if hasAnyPrefix(folded, relatedHeadings) {
			inRelated = true
			continue
		}
		if inRelated && !endsSentence(t) {
			continue
		}
		inRelated = false
		if hasAnyPrefix(folded, pageChrome) || mostlyLinks(t) {
			continue
		}
		if len(strings.Fields(t)) < 6 && !endsSentence(t) {
			continue // a byline, a menu item, a button
		}
		if wasImage && isCaption(t) {
			continue
		}
		if m := reReadMore.FindStringIndex(t); m != nil {
			t = t[m[1]-1:]
		}
		out = append(out, newsPara{Line: para.Line, Text: t})
	}
	return headline, out
}

// isRule reports whether a line is a Markdown rule or heading underline.
func isRule(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) >= 3 && strings.Trim(s, "-=*_") == ""
}

// mostlyLinks reports whether a line is made of links: it opens with one,
// or links make up most of it.
func mostlyLinks(s string) bool {
	locs := reMarkdownLink.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return false
	}
	if locs[0][0] == 0 {
		return true
	}
	n := 0
	for _, l := range locs {
		n += l[1] - l[0]
	}
	return 2*n > len(s)
}

// isCaption reports whether the paragraph under a photo is its caption:
// one short sentence.
func isCaption(s string) bool {
	body := strings.TrimRight(s, ". ")
	return utf8.RuneCountInString(s) < 300 && !strings.Contains(body, ". ")
}

var (
	// reDateline opens a news report's lead: "(TTXVN) – Chiều 17/6, tại
	// Hà Nội, …", "Ngày 17/6/2020, …".
	reNewsSource = regexp.MustCompile(`^\([^)]{2,40}\)\s*[-–—]\s*`)
	reDateline   = regexp.MustCompile(`^(?i:(?:sáng|chiều|tối|trưa|đêm|hôm)\s+(?:nay\s+)?)?(?i:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?\s*,`)
	reURL        = regexp.MustCompile(`https?://[^\s)]+`)
	// reURLDate is a date in a web address: 20200617, 2020/06/17,
	// 062020/17 (month, year, day).
	reURLDate = regexp.MustCompile(`(20\d{2})[-/]?(\d{2})[-/]?(\d{2})|(\d{2})(20\d{2})/(\d{2})`)
)

// newsDate reads the report's date from the dateline of its lead
// paragraph (the one after the news agency's tag, else the first that
// opens with a date). A dateline gives the day and month; the year, when
// it does not give it, is the one the site put in the addresses of the
// page's own photos and links for that day and month. Without a year the
// date is unknown.
func (p *docParser) newsDate(paras []newsPara) *string {
	var day, month, year string
	line := 0
	for pass := 0; pass < 2 && day == ""; pass++ {
		for _, para := range paras {
			t := para.Text
			loc := reNewsSource.FindStringIndex(t)
			if pass == 0 && loc == nil {
				continue
			}
			if loc != nil {
				t = t[loc[1]:]
			}
			if m := reDateline.FindStringSubmatch(t); m != nil {
				day, month, year, line = m[1], m[2], m[3], para.Line
				break
			}
		}
	}
	if day == "" {
		return nil
	}
	if year == "" {
		year = yearInAddresses(p.src.lines, atoiOr(month), atoiOr(day))
	}
	if year == "" {
		p.warn(line, "news date %s/%s: no year in the text or in the page's addresses", day, month)
		return nil
	}
	d, err := isoDate(day, month, year)
	if err != nil {
		p.warn(line, "news date %s/%s/%s: %v", day, month, year, err)
		return nil
	}
	return &d
}

// yearInAddresses returns the year of the first date in the page's web
// addresses that falls on month and day, or "".
func yearInAddresses(lines []Line, month, day int) string {
	for _, l := range lines {
		for _, u := range reURL.FindAllString(l.Text, -1) {
			for _, m := range reURLDate.FindAllStringSubmatch(u, -1) {
				y, mo, d := m[1], m[2], m[3]
				if y == "" {
					y, mo, d = m[5], m[4], m[6]
				}
				if atoiOr(mo) == month && atoiOr(d) == day {
					return y
				}
			}
		}
	}
	return ""
}
