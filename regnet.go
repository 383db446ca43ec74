// Package regnet holds the domain of regnet: the documents, provisions,
// agencies, duties, handoff rules and plan actions read from Vietnamese
// coordination rules, and the interfaces that stores implement.
//
// The types double as the `regnet parse --json` contract (its keys are
// Dataset's JSON names) and,
// through gqlgen's autobind, as the GraphQL types, so that one shape travels
// from the loader to the client.
package regnet

// Document kinds: the DocumentKind enum of schema.graphqls.
const (
	KindQuyetDinh = "QUYET_DINH"
	KindQuyChe    = "QUY_CHE"
	KindKeHoach   = "KE_HOACH"
	KindNghiQuyet = "NGHI_QUYET"
	KindLuat      = "LUAT"
	KindChiThi    = "CHI_THI"
	KindTinTuc    = "TIN_TUC"
)

// Document statuses.
const (
	StatusIssued   = "ISSUED"
	StatusDraft    = "DRAFT"
	StatusReplaced = "REPLACED"
)

// Levels of government an agency or document belongs to.
const (
	LevelNational   = "NATIONAL"
	LevelProvincial = "PROVINCIAL"
	LevelDistrict   = "DISTRICT"
	LevelCommune    = "COMMUNE"
)

// Provision parts: which body of text a provision belongs to. A Quyết định's
// own articles and the articles of the quy chế it issues share numbers, so
// the part keeps them apart.
const (
	PartDecision   = "DECISION"
	PartRegulation = "REGULATION"
	PartPlan       = "PLAN"
	PartAppendix   = "APPENDIX"
	PartText       = "TEXT"
)

// Duty roles.
const (
	RoleLead       = "LEAD"
	RoleCoordinate = "COORDINATE"
	RoleSupport    = "SUPPORT"
	RoleAdvise     = "ADVISE"
	RoleDirect     = "DIRECT"
	RoleGuide      = "GUIDE"
	RolePropaganda = "PROPAGANDA"
	RolePerform    = "PERFORM"
)

// Handoff actions.
const (
	ActionPursue     = "PURSUE"
	ActionNotify     = "NOTIFY"
	ActionTransfer   = "TRANSFER"
	ActionCoordinate = "COORDINATE"
	ActionArrest     = "ARREST"
)

// Deadline kinds and date precisions.
const (
	DeadlineDate        = "DATE"
	DeadlineRecurring   = "RECURRING"
	DeadlinePeriodic    = "PERIODIC"
	DeadlineConditional = "CONDITIONAL"
	// DeadlineUnspecified is a task whose text gives no deadline at all.
	DeadlineUnspecified = "UNSPECIFIED"

	PrecisionDay   = "DAY"
	PrecisionMonth = "MONTH"
	PrecisionYear  = "YEAR"
)

// Dataset is everything the loader read from a set of documents: the object
// `regnet parse --json` prints and `regnet load` writes. Ids are stable (built
// from what a thing is), so two datasets read from the same files are equal.
type Dataset struct {
	Documents   []Document   `json:"documents"`
	Provisions  []Provision  `json:"provisions"`
	Provinces   []Province   `json:"provinces"`
	Agencies    []Agency     `json:"agencies"`
	Duties      []Duty       `json:"duties"`
	Handoffs    []Handoff    `json:"handoffs"`
	PlanActions []PlanAction `json:"planActions"`
	Targets     []Target     `json:"targets"`
	Schedules   []Schedule   `json:"schedules"`
	Fields      []Field      `json:"fields"`
	Areas       []Area       `json:"areas"`
	Warnings    []Warning    `json:"warnings"`
}

// Document is one legal text: a decision with its quy chế, a plan, a news report.
type Document struct {
	ID       string  `json:"id"`
	Number   *string `json:"number"` // "83/2025/QĐ-UBND"; nil while a draft is unnumbered
	Kind     string  `json:"kind"`
	Title    string  `json:"title"`
	Province string  `json:"province"` // province name; empty for national documents
	Level    string  `json:"level"`
	Status   string  `json:"status"`
	// Issued and Effective are ISO 8601 dates; nil where the text gives none.
	Issued    *string `json:"issued"`
	Effective *string `json:"effective"`
	// EffectiveRule is the effective-date clause when it is relative
	// ("sau 10 ngày kể từ ngày ký", "sau 15 ngày kể từ ngày đăng Công
	// báo"): Effective is computed from it where it can be, and is nil where
	// it depends on an event the text does not date.
	EffectiveRule *string  `json:"effectiveRule"`
	Signer        *string  `json:"signer"`
	BasedOn       []string `json:"basedOn"`  // numbers of the legal bases ("Căn cứ …", "Thực hiện …")
	Replaces      []string `json:"replaces"` // numbers of the documents it replaces
	Mentions      []string `json:"mentions"` // other document numbers it cites
	// Period is the first and last year a plan covers, when it says.
	Period []int  `json:"period"`
	Source Source `json:"source"`
	// Named is true for a document that loaded ones replace or cite but
	// whose text is not loaded (see NamedDocuments): it holds only what
	// those texts tell of it.
	Named bool `json:"named,omitempty"`
}

// Source says which file a document was read from.
type Source struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	// Format is how the file was read: txt, docx, pdf or html.
	Format string `json:"format"`
}

// Provision is one addressable piece of a document: an article, clause or
// point of a quy chế, a section of a plan, a row of a plan's appendix.
type Provision struct {
	ID       string `json:"id"`
	Document string `json:"document"` // document id
	Part     string `json:"part"`
	// Path is the human form: "Điều 7 khoản 4 điểm c", "IV.2.3",
	// "Phụ lục, nhóm 5, dòng 2".
	Path    string  `json:"path"`
	Chapter *string `json:"chapter"` // Roman or Arabic as written ("II", "1")
	Article *int    `json:"article"`
	Clause  *int    `json:"clause"`
	Point   *string `json:"point"`
	Parent  *string `json:"parent"` // enclosing provision id
	Heading string  `json:"heading"`
	Text    string  `json:"text"`
	// Line is the 1-based line in the source file; for a .docx or .html,
	// the paragraph or table row (counting the non-empty ones); for a PDF,
	// the line of its extracted text, with Page the page it is on.
	Line int  `json:"line"`
	Page *int `json:"page,omitempty"`
}

// Province is a province (tỉnh) whose documents were read.
type Province struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Agency is a state body named in a document, recognised as one of the
// ontology's kinds.
type Agency struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Kind      string   `json:"kind"`
	Level     string   `json:"level"`
	Province  string   `json:"province"`  // province name; empty for national agencies
	Parent    *string  `json:"parent"`    // agency id
	Successor *string  `json:"successor"` // agency id of the body that took over its tasks
	Aliases   []string `json:"aliases"`
}

// Duty is one statement of a responsibility: one agency, one role, and the
// fields, areas, partners and reporting lines of that statement. A provision
// that says several things ("Chủ trì X; phối hợp với Y trong Z") gives one
// duty per role, so several duties may share a provision.
type Duty struct {
	ID        string       `json:"id"`
	Agency    string       `json:"agency"` // agency id
	Role      string       `json:"role"`
	Text      string       `json:"text"`     // the words of this statement
	Fields    []string     `json:"fields"`   // field codes
	Areas     []string     `json:"areas"`    // area codes
	Partners  []string     `json:"partners"` // agency ids the holder works with in this statement
	ReportsTo []ReportLine `json:"reportsTo"`
	// Evidence holds, for the role and every field, area, partner and
	// report line, the words of the provision that justify it.
	Evidence  []Evidence `json:"evidence"`
	Provision string     `json:"provision"`
}

// ReportLine says that a duty holder reports or sends results to an agency,
// with the period or deadline the text gives ("trước ngày 15 hằng tháng").
type ReportLine struct {
	Agency string `json:"agency"` // agency id
	When   string `json:"when"`   // as written; empty when the text gives none
}

// Evidence tags: what a piece of evidence justifies.
const (
	EvidenceRole      = "role"
	EvidenceField     = "field"
	EvidenceArea      = "area"
	EvidencePartner   = "partner"
	EvidenceReportsTo = "reportsTo"
)

// Evidence is the words that justify one tag of a duty. Start and End are
// character (Unicode code point) offsets into the provision's text, End
// exclusive, so that Words == []rune(provision.Text)[Start:End].
type Evidence struct {
	Tag   string `json:"tag"`
	Value string `json:"value"` // the role, field or area code, or the agency id
	Start int    `json:"start"`
	End   int    `json:"end"`
	Words string `json:"words"`
}

// Schedule kinds.
const (
	ScheduleMeeting = "MEETING" // họp định kỳ, giao ban
	ScheduleReview  = "REVIEW"  // sơ kết
	ScheduleSummary = "SUMMARY" // tổng kết
	ScheduleReport  = "REPORT"  // a report due on a date or period
)

// Schedule is a meeting, review or report that a document sets on a period
// or a date: "sơ kết 6 tháng", "họp định kỳ hằng quý", "báo cáo trước ngày
// 15 hằng tháng".
type Schedule struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Agencies []string `json:"agencies"` // who holds the meeting or sends the report
	To       []string `json:"to"`       // for reports: who receives them
	Text     string   `json:"text"`     // the words that set it
	// When is the period or deadline as written ("định kỳ 6 tháng",
	// "trước ngày 15/12"); By, where the text gives one, the date as ISO
	// (2026-12-15), "--MM-DD" for a yearly day or "---DD" for a monthly one.
	When      string  `json:"when"`
	By        *string `json:"by"`
	Provision string  `json:"provision"`
}

// Handoff is a rule that says what an agency does when goods or vehicles
// cross from one area into another: keep pursuing, notify, hand the case over.
type Handoff struct {
	ID          string   `json:"id"`
	From        string   `json:"from"`        // agency id
	Notifies    []string `json:"notifies"`    // agency ids
	TransfersTo []string `json:"transfersTo"` // agency ids
	Actions     []string `json:"actions"`
	Leaving     []string `json:"leaving"`  // area codes
	Entering    []string `json:"entering"` // area codes
	Condition   string   `json:"condition"`
	// ConditionFor lists the agencies whose part of the rule the condition
	// governs ("thông báo cho cơ quan Hải quan (nếu …)"); empty when it
	// governs the whole rule.
	ConditionFor []string `json:"conditionFor"`
	Provision    string   `json:"provision"`
}

// PlanAction is one action of a kế hoạch: what, by when, by whom.
type PlanAction struct {
	ID           string   `json:"id"`
	Document     string   `json:"document"`
	Group        string   `json:"group"` // task group ("1".."8") or section ("2.4")
	Text         string   `json:"text"`
	Deadline     Deadline `json:"deadline"`
	Output       string   `json:"output"`
	Leads        []string `json:"leads"`        // agency ids
	Coordinators []string `json:"coordinators"` // agency ids
	Amends       []string `json:"amends"`       // document numbers the action amends
	// AmendsProvisions are the provisions of those documents that the text
	// names after "sửa đổi", "bổ sung", "thay thế" or "bãi bỏ", as paths
	// ("Điều 7 khoản 3"); none where it names the document only.
	AmendsProvisions []string `json:"amendsProvisions,omitempty"`
	Provision        string   `json:"provision"`
}

// Deadline is a plan action's deadline as written and as understood.
type Deadline struct {
	Raw       string  `json:"raw"`
	Kind      string  `json:"kind"`
	Date      *string `json:"date"`      // "2026-02", "2026", "2025-12-20"
	Precision *string `json:"precision"` // DAY, MONTH or YEAR when Date is set
}

// Target is a measurable goal of a plan.
type Target struct {
	ID        string   `json:"id"`
	Document  string   `json:"document"`
	Year      *int     `json:"year"`
	Text      string   `json:"text"`
	Percent   *float64 `json:"percent"`
	Provision string   `json:"provision"`
}

// Field is an area of state management (food safety, prices, customs …).
type Field struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameEN string `json:"nameEn"`
}

// Area is a kind of territory (customs zone, border area, inland …).
type Area struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameEN string `json:"nameEn"`
}

// Warning is a doubt the loader had while reading a file.
type Warning struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}
