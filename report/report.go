// Package report turns regnet's analyses (lead coverage, province comparison,
// plan tracking) into documents a drafter can read without the API: Markdown
// with headings, tables and a line saying what each table means, and CSV for
// spreadsheets. The analyses return ids; drafters need document numbers and
// provision paths ("83/2025/QĐ-UBND, Điều 7 khoản 4 điểm c") to check every
// fact against the text, so a Renderer looks them up in the store.
package report

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/regnet/regnet"
)

// Format is an output format of a report.
type Format string

// The formats a report can be written in.
const (
	Markdown Format = "md"
	CSV      Format = "csv"
)

// ParseFormat returns the Format named s ("md", "markdown" or "csv").
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "md", "markdown":
		return Markdown, nil
	case "csv":
		return CSV, nil
	}
	return "", fmt.Errorf("unknown format %q (want md or csv)", s)
}

// Renderer writes analysis results in one format. Store is used only to look
// up what the results refer to by id: provisions, documents, agencies and the
// duties behind a gap.
type Renderer struct {
	Store  regnet.Store
	Format Format
	// Lang is the language of the headings, column names and names of
	// codes; the zero Lang is Vietnamese.
	Lang Lang
}

// words is the renderer's wording.
func (r Renderer) words() words { return words{lang: r.Lang} }

// excerptRunes bounds the quoted wording in Markdown cells; CSV keeps the
// whole text.
const excerptRunes = 160

// refs resolves the ids of analysis results to what a reader needs, in
// the report's language.
type refs struct {
	words
	provisions map[string]*regnet.Provision
	documents  map[string]*regnet.Document
	agencies   map[string]*regnet.Agency
	areas      map[string]*regnet.Area // by code; filled by lookupAreas
}

// lookup fetches the given provisions (with their documents) and agencies.
func lookup(ctx context.Context, s regnet.Store, w words, provisionIDs, agencyIDs []string) (*refs, error) {
	r := &refs{words: w, provisions: map[string]*regnet.Provision{}, documents: map[string]*regnet.Document{}, agencies: map[string]*regnet.Agency{}}
	if ids := nonEmpty(provisionIDs); len(ids) > 0 {
		list, err := s.Provisions(ctx, regnet.ProvisionFilter{IDs: ids})
		if err != nil {
			return nil, fmt.Errorf("look up provisions: %w", err)
		}
		var docIDs []string
		for _, p := range list {
			r.provisions[p.ID] = p
			docIDs = append(docIDs, p.Document)
		}
		if ids := nonEmpty(docIDs); len(ids) > 0 {
			docs, err := s.Documents(ctx, regnet.DocumentFilter{IDs: ids})
			if err != nil {
				return nil, fmt.Errorf("look up documents: %w", err)
			}
			for _, d := range docs {
				r.documents[d.ID] = d
			}
		}
	}
	if ids := nonEmpty(agencyIDs); len(ids) > 0 {
		list, err := s.Agencies(ctx, regnet.AgencyFilter{IDs: ids})
		if err != nil {
			return nil, fmt.Errorf("look up agencies: %w", err)
		}
		for _, a := range list {
			r.agencies[a.ID] = a
		}
	}
	return r, nil
}

// cite returns the document label and the provision path of a provision id;
// an unknown id is returned as the path, so that nothing is silently lost.
func (r *refs) cite(provisionID string) (doc, path string) {
	p := r.provisions[provisionID]
	if p == nil {
		return "", provisionID
	}
	if d := r.documents[p.Document]; d != nil {
		return r.docLabel(d), p.Path
	}
	return p.Document, p.Path
}

// ref is cite in one string: "83/2025/QĐ-UBND, Điều 7 khoản 4 điểm c".
func (r *refs) ref(provisionID string) string {
	doc, path := r.cite(provisionID)
	if doc == "" {
		return path
	}
	return doc + ", " + path
}

// agencyName returns an agency's name, or its id when it is unknown.
func (r *refs) agencyName(id string) string {
	if a := r.agencies[id]; a != nil {
		return a.Name
	}
	return id
}

// agencyKind returns an agency's kind code, or "" when it is unknown.
func (r *refs) agencyKind(id string) string {
	if a := r.agencies[id]; a != nil {
		return a.Kind
	}
	return ""
}

// agencyLabel is an agency's name and kind code: "Sở Y tế (HEALTH)". The
// name already says the kind in Vietnamese; the code is what an analyst
// filters by.
func (r *refs) agencyLabel(id string) string {
	if a := r.agencies[id]; a != nil {
		return a.Name + " (" + a.Kind + ")"
	}
	return id
}

// docLabel is how a fact's document is cited: its number, or, for a draft
// without one, its kind, province, period and file, which is what a drafter
// can find it by.
func (w words) docLabel(d *regnet.Document) string {
	if d.Number != nil && *d.Number != "" {
		return *d.Number
	}
	parts := []string{w.status("docKind.", d.Kind)}
	if d.Province != "" {
		parts = append(parts, d.Province)
	}
	if len(d.Period) == 2 {
		parts = append(parts, fmt.Sprintf("%d-%d", d.Period[0], d.Period[1]))
	}
	state := w.t("doc.unnumbered")
	if d.Status == regnet.StatusDraft {
		state = w.name(regnet.Labels.Statuses, d.Status) + ", " + state
	}
	return fmt.Sprintf("%s (%s, %s)", strings.Join(parts, " "), state, d.Source.File)
}

// evidenceLine quotes the evidence of d that keep accepts, in the duty's
// order: "LEAD ← «Chủ trì»; FOOD_SAFETY ← «an toàn thực phẩm»". Partners
// and report recipients are agency ids; the words name them already.
func evidenceLine(d *regnet.Duty, keep func(regnet.Evidence) bool) string {
	var parts []string
	for _, e := range d.Evidence {
		if !keep(e) {
			continue
		}
		value := e.Value
		if e.Tag == regnet.EvidencePartner || e.Tag == regnet.EvidenceReportsTo {
			value = strings.ToUpper(e.Tag)
			if e.Tag == regnet.EvidenceReportsTo {
				value = "REPORTS_TO"
			}
		}
		part := value + " ← «" + strings.Join(strings.Fields(e.Words), " ") + "»"
		if !slices.Contains(parts, part) {
			parts = append(parts, part)
		}
	}
	return strings.Join(parts, "; ")
}

func fieldCode(f *regnet.Field) string {
	if f == nil {
		return ""
	}
	return f.Code
}

func areaCode(a *regnet.Area) string {
	if a == nil {
		return ""
	}
	return a.Code
}

// provinceDocuments lists the documents read for a province, for the
// "Documents" line of a Markdown report. A report as of a date (its store a
// regnet.TimeView) lists the province's documents in force that day instead,
// named ones too: those are what its facts rest on.
func provinceDocuments(ctx context.Context, s regnet.Store, province string) ([]*regnet.Document, error) {
	if v, ok := s.(*regnet.TimeView); ok {
		return v.DocumentsOf(province), nil
	}
	docs, err := s.Documents(ctx, regnet.DocumentFilter{Province: province})
	if err != nil {
		return nil, fmt.Errorf("list the documents of %s: %w", province, err)
	}
	return docs, nil
}

// writeDocuments writes the list of documents a report was computed from,
// with their status, so that a reader knows when a fact comes from a draft.
func (w words) writeDocuments(b *strings.Builder, docs []*regnet.Document) {
	for _, d := range docs {
		line := "- " + w.docLabel(d)
		if d.Title != "" {
			line += ": " + cell(d.Title)
		}
		line += " — " + w.name(regnet.Labels.Statuses, d.Status)
		if d.Issued != nil {
			line += ", " + *d.Issued
		}
		if d.Named {
			line += " (" + w.t("time.named") + ")"
		}
		b.WriteString(line + "\n")
	}
	if len(docs) == 0 {
		b.WriteString("- " + w.t("report.none") + "\n")
	}
}

// table writes a Markdown table; cells are escaped.
func table(b *strings.Builder, header []string, rows [][]string) {
	b.WriteString("| " + strings.Join(header, " | ") + " |\n")
	b.WriteString("|" + strings.Repeat("---|", len(header)) + "\n")
	for _, row := range rows {
		cells := make([]string, len(row))
		for i, c := range row {
			cells[i] = cell(c)
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
}

// cell makes text safe inside a Markdown table cell: one line, no bare pipe.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(s, "|", `\|`)
}

// excerpt shortens text for a Markdown cell.
func excerpt(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= excerptRunes {
		return s
	}
	return strings.TrimSpace(string(r[:excerptRunes])) + " …"
}

// dash stands for "nothing" in a Markdown cell.
func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// writeOut writes a finished Markdown report.
func writeOut(w io.Writer, b *strings.Builder) error {
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// writeCSV writes one header row and the records.
func writeCSV(w io.Writer, header []string, records [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	if err := cw.WriteAll(records); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

func (r Renderer) check() error {
	if r.Store == nil {
		return fmt.Errorf("report: no store to look up provisions in")
	}
	switch r.Format {
	case Markdown, CSV:
		return nil
	}
	return fmt.Errorf("report: unknown format %q (want md or csv)", r.Format)
}

func nonEmpty(ids []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}
