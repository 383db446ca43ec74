// Package loader reads Vietnamese coordination rules (quy chế phối hợp) and
// plans (kế hoạch) into the regnet domain model. It holds no database code:
// its result is a regnet.Dataset, the object `regnet parse --json` prints.
//
// Reading a document is a pipeline of small steps, each in its own file:
// read.go (text checks and normalisation), metadata.go (header and
// preamble), structure.go (Chương / Điều / khoản / điểm), agencies.go and
// ontology.go (recognising agencies from the ontology data file), duties.go
// (roles, fields, areas, partners), handoffs.go (pursuit and handoff rules),
// plan.go and table.go (a plan's sections and its appendix table).
package loader

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/regnet/regnet"
)

// Loader parses documents with one ontology.
type Loader struct {
	Ontology *Ontology
	// MaxFileBytes bounds each file ParseFilesContext reads (DefaultMaxFileBytes
	// when zero).
	MaxFileBytes int64
}

// New returns a Loader with the bundled ontology.
func New() *Loader { return &Loader{Ontology: DefaultOntology()} }

// Input is one document to parse: a name for provenance and its bytes.
type Input struct {
	Name string
	Data []byte
}

// ParseFilesContext reads and parses files as one batch, stopping when ctx
// ends. It reads every file before it returns anything: the first file that
// cannot be read as a document fails the whole batch.
func (l *Loader) ParseFilesContext(ctx context.Context, paths ...string) (*regnet.Dataset, error) {
	var srcs []*source
	for _, p := range paths {
		src, err := readFile(ctx, p, l.MaxFileBytes)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	return l.parse(srcs)
}

// ParseFS parses every document of fsys under dir (.txt, .docx, .pdf,
// .html), in name order.
func (l *Loader) ParseFS(fsys fs.FS, dir string) (*regnet.Dataset, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	var inputs []Input
	for _, e := range entries {
		if e.IsDir() || !IsDocumentName(e.Name()) {
			continue
		}
		data, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", e.Name(), err)
		}
		inputs = append(inputs, Input{Name: e.Name(), Data: data})
	}
	return l.Parse(inputs...)
}

// Parse parses documents given as bytes, as one batch.
func (l *Loader) Parse(inputs ...Input) (*regnet.Dataset, error) {
	var srcs []*source
	for _, in := range inputs {
		src, err := decode(in.Name, in.Data)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	return l.parse(srcs)
}

func (l *Loader) parse(srcs []*source) (*regnet.Dataset, error) {
	ds := &regnet.Dataset{}
	agencies := newRegistry(l.Ontology)
	keep := map[string]bool{}
	ids := map[string]string{}
	for _, src := range srcs {
		p := &docParser{ont: l.Ontology, agencies: agencies, ds: ds, src: src, keep: keep, schedules: map[string]int{}}
		if err := p.parse(); err != nil {
			return nil, err
		}
		if other, ok := ids[p.doc.ID]; ok {
			return nil, &InputError{File: src.file, Msg: fmt.Sprintf("document %s is also in %s", p.doc.ID, other)}
		}
		ids[p.doc.ID] = src.file
	}
	finish(ds, agencies, keep, l.Ontology)
	return ds, nil
}

// docParser holds the state of parsing one document.
type docParser struct {
	ont      *Ontology
	agencies *registry
	ds       *regnet.Dataset
	src      *source
	doc      *regnet.Document
	keep     map[string]bool  // agencies kept even without facts (news mentions)
	own      map[string]*Unit // per kind, the unit this document's headings name (see ownUnits)
	names    *matcher         // agency names with this document's own definitions (see definitions.go)
	dutyIDs  map[string]bool  // duty ids given so far
	// schedules counts the schedules read per provision, for their ids.
	schedules map[string]int
}

func (p *docParser) warn(line int, format string, args ...any) {
	p.ds.Warnings = append(p.ds.Warnings, regnet.Warning{File: p.src.file, Line: line, Message: fmt.Sprintf(format, args...)})
}

func (p *docParser) parse() error {
	doc := &regnet.Document{
		Source:   regnet.Source{File: p.src.file, SHA256: p.src.sha256, Format: p.src.format},
		BasedOn:  []string{},
		Replaces: []string{},
		Mentions: []string{},
	}
	p.doc = doc
	defer p.setPages(len(p.ds.Provisions))
	h := readMetadata(p.src, doc, p.ont)
	if doc.Number != nil {
		doc.ID = regnet.DocumentID(*doc.Number)
	} else {
		doc.ID = regnet.DocumentID(strings.TrimSuffix(p.src.file, path.Ext(p.src.file)))
	}
	firstProvision := len(p.ds.Provisions)
	switch doc.Kind {
	case regnet.KindKeHoach:
		if err := p.readPlan(h); err != nil {
			return err
		}
	case regnet.KindTinTuc:
		if err := p.readNews(); err != nil {
			return err
		}
	default:
		reg := parseRegulation(p.src, doc.ID, h.bodyStart, h.quyChe, p.warn)
		if len(reg.articles) == 0 {
			if !h.found {
				return &InputError{File: p.src.file, Line: p.src.lines[0].No, Msg: "no structure found: no document header and no article (Điều) in a " + strings.ToLower(doc.Kind) + " document"}
			}
			// A plan, or a copy whose articles the portal left out: the
			// header is still worth keeping.
			p.warn(p.src.lines[min(h.bodyStart, len(p.src.lines)-1)].No, "body has no articles (Điều): only the header was read")
		}
		for _, n := range reg.all {
			p.ds.Provisions = append(p.ds.Provisions, n.prov)
		}
		if doc.Kind == regnet.KindQuyChe {
			texts := make([]string, len(reg.all))
			for i, n := range reg.all {
				texts[i] = n.prov.Text
			}
			p.readDefinitions(texts)
			before := len(p.ds.Duties)
			p.readDuties(reg)
			if len(p.ds.Duties) == before {
				p.warn(p.src.lines[0].No, "no duties found: no chapter on responsibilities names an agency")
			}
		}
	}
	if doc.Kind != regnet.KindTinTuc {
		p.ds.Warnings = append(p.ds.Warnings, p.ont.unknownAgencies(p.src.file, p.ds.Provisions[firstProvision:])...)
	}
	if doc.Province == "" && doc.Kind != regnet.KindTinTuc && doc.Level != regnet.LevelNational {
		p.warn(p.src.lines[0].No, "no province found in the header")
	}
	if doc.Signer == nil && doc.Status == regnet.StatusIssued && doc.Kind != regnet.KindTinTuc {
		p.warn(p.src.lines[len(p.src.lines)-1].No, "no signer found")
	}
	p.ds.Documents = append(p.ds.Documents, *doc)
	return nil
}

// finish fills what depends on the whole batch: the agencies that facts use
// (with their parents and successors), provinces, fields, areas, and a
// stable order.
func finish(ds *regnet.Dataset, r *registry, keep map[string]bool, o *Ontology) {
	used := map[string]bool{}
	for id := range keep {
		used[id] = true
	}
	for _, d := range ds.Duties {
		used[d.Agency] = true
		for _, x := range d.Partners {
			used[x] = true
		}
		for _, x := range d.ReportsTo {
			used[x.Agency] = true
		}
	}
	for _, h := range ds.Handoffs {
		used[h.From] = true
		for _, x := range append(append([]string{}, h.Notifies...), h.TransfersTo...) {
			used[x] = true
		}
	}
	for _, a := range ds.PlanActions {
		for _, x := range append(append([]string{}, a.Leads...), a.Coordinators...) {
			used[x] = true
		}
	}
	// A successor is linked only where the province's documents name it
	// themselves (it has facts of its own): an older text read alone says
	// nothing of what replaced its agencies in that province.
	for id := range used {
		if a := r.agencies[id]; a != nil && a.Successor != nil && !used[*a.Successor] {
			a.Successor = nil
		}
	}
	for changed := true; changed; {
		changed = false
		for id := range used {
			a := r.agencies[id]
			if a == nil {
				continue
			}
			for _, link := range []*string{a.Parent, a.Successor} {
				if link != nil && !used[*link] {
					used[*link] = true
					changed = true
				}
			}
		}
	}
	provinces := map[string]bool{}
	for _, a := range r.list() {
		if used[a.ID] {
			ds.Agencies = append(ds.Agencies, a)
			if a.Province != "" {
				provinces[a.Province] = true
			}
		}
	}
	for _, d := range ds.Documents {
		if d.Province != "" {
			provinces[d.Province] = true
		}
	}
	for name := range provinces {
		ds.Provinces = append(ds.Provinces, regnet.Province{ID: regnet.ProvinceID(name), Name: name})
	}
	sort.Slice(ds.Provinces, func(i, j int) bool { return ds.Provinces[i].ID < ds.Provinces[j].ID })
	ds.Fields = o.FieldList()
	ds.Areas = o.AreaList()
	if ds.Warnings == nil {
		ds.Warnings = []regnet.Warning{}
	}
	if ds.Duties == nil {
		ds.Duties = []regnet.Duty{}
	}
	if ds.Handoffs == nil {
		ds.Handoffs = []regnet.Handoff{}
	}
	if ds.PlanActions == nil {
		ds.PlanActions = []regnet.PlanAction{}
	}
	if ds.Targets == nil {
		ds.Targets = []regnet.Target{}
	}
	if ds.Schedules == nil {
		ds.Schedules = []regnet.Schedule{}
	}
	if ds.Agencies == nil {
		ds.Agencies = []regnet.Agency{}
	}
}
