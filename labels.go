package regnet

// Label is a name in the two languages regnet speaks: Vietnamese, which its
// users read first, and English.
type Label struct {
	VI string `json:"vi"`
	EN string `json:"en"`
}

// LabelTable is the one table of the names regnet shows for its codes and
// words: agency kinds, duty roles, network link types, levels, document
// statuses, deadline kinds and the explorer's own words. The explorer reads
// it as JSON (/labels.json), so that the page, the reports and the API's
// descriptions call a thing by the same name.
type LabelTable struct {
	Kinds     map[string]Label `json:"kinds"`
	Roles     map[string]Label `json:"roles"`
	Links     map[string]Label `json:"links"`
	Levels    map[string]Label `json:"levels"`
	Statuses  map[string]Label `json:"statuses"`
	Deadlines map[string]Label `json:"deadlines"`
	Tags      map[string]Label `json:"tags"`
	UI        map[string]Label `json:"ui"`
}

// KindName is the Vietnamese name of an agency kind, the code itself when
// the table has none.
func KindName(kind string) string { return Labels.name(Labels.Kinds, kind) }

// RoleName is the Vietnamese name of a duty role, the code itself when the
// table has none.
func RoleName(role string) string { return Labels.name(Labels.Roles, role) }

func (LabelTable) name(m map[string]Label, code string) string {
	if l, ok := m[code]; ok {
		return l.VI
	}
	return code
}

// Labels is regnet's table of names.
var Labels = LabelTable{
	Kinds: map[string]Label{
		"PEOPLES_COMMITTEE":              {"UBND tỉnh", "Provincial People's Committee"},
		"STEERING_COMMITTEE_389":         {"Ban Chỉ đạo 389", "Steering Committee 389"},
		"COMMUNE_STEERING_COMMITTEE_389": {"Ban Chỉ đạo 389 cấp xã", "Commune Steering Committee 389"},
		"INDUSTRY_TRADE":                 {"Công Thương", "Industry and Trade"},
		"MARKET_MANAGEMENT":              {"Quản lý thị trường", "Market management"},
		"POLICE":                         {"Công an", "Police"},
		"INVESTIGATION_AGENCY":           {"Cơ quan điều tra", "Investigation agency"},
		"MILITARY_COMMAND":               {"Quân sự", "Military command"},
		"BORDER_GUARD":                   {"Biên phòng", "Border guard"},
		"CUSTOMS":                        {"Hải quan", "Customs"},
		"TAX":                            {"Thuế", "Tax"},
		"FINANCE":                        {"Tài chính", "Finance"},
		"HEALTH":                         {"Y tế", "Health"},
		"SCIENCE_TECHNOLOGY":             {"Khoa học và Công nghệ", "Science and technology"},
		"INFORMATION_COMMUNICATIONS":     {"Thông tin và Truyền thông", "Information and communications"},
		"AGRICULTURE_ENVIRONMENT":        {"Nông nghiệp và Môi trường", "Agriculture and environment"},
		"INSPECTORATE":                   {"Thanh tra", "Inspectorate"},
		"CONSTRUCTION":                   {"Xây dựng", "Construction"},
		"STATE_BANK":                     {"Ngân hàng Nhà nước", "State Bank"},
		"CULTURE_SPORTS_TOURISM":         {"Văn hóa, Thể thao và Du lịch", "Culture, sports and tourism"},
		"JUSTICE":                        {"Tư pháp", "Justice"},
		"ETHNIC_RELIGIOUS_AFFAIRS":       {"Dân tộc và Tôn giáo", "Ethnic and religious affairs"},
		"HOME_AFFAIRS":                   {"Nội vụ", "Home affairs"},
		"ECONOMIC_ZONE_AUTHORITY":        {"Ban Quản lý Khu kinh tế", "Economic zone authority"},
		"MEDIA":                          {"Báo chí, phát thanh", "Press and broadcasting"},
		"FATHERLAND_FRONT":               {"Mặt trận Tổ quốc", "Fatherland Front"},
		"COMMUNE_PEOPLES_COMMITTEE":      {"UBND cấp xã", "Commune People's Committees"},
		"DISTRICT_PEOPLES_COMMITTEE":     {"UBND cấp huyện", "District People's Committees"},
		"PROCURACY":                      {"Viện kiểm sát", "Procuracy"},
		"COURT":                          {"Tòa án", "Court"},
		"ALL_DEPARTMENTS":                {"Các sở, ngành", "All departments"},
		"OTHER_AGENCIES":                 {"Cơ quan liên quan khác", "Other agencies concerned"},
	},
	Roles: map[string]Label{
		"LEAD":       {"Chủ trì", "Lead"},
		"COORDINATE": {"Phối hợp", "Co-ordinate"},
		"SUPPORT":    {"Hỗ trợ", "Support"},
		"ADVISE":     {"Tham mưu", "Advise"},
		"DIRECT":     {"Chỉ đạo", "Direct"},
		"GUIDE":      {"Hướng dẫn", "Guide"},
		"PROPAGANDA": {"Tuyên truyền", "Propaganda"},
		"PERFORM":    {"Thực hiện", "Perform"},
	},
	Links: map[string]Label{
		StepHandsOffTo:      {"Chuyển giao, thông báo", "Hands off to"},
		StepCoordinatesWith: {"Phối hợp", "Co-ordinates with"},
		StepReportsTo:       {"Báo cáo", "Reports to"},
		StepPartOf:          {"Trực thuộc", "Part of"},
		EdgeSucceededBy:     {"Được kế thừa bởi", "Succeeded by"},
	},
	Levels: map[string]Label{
		"NATIONAL":   {"Trung ương", "national"},
		"PROVINCIAL": {"cấp tỉnh", "provincial"},
		"DISTRICT":   {"cấp huyện", "district"},
		"COMMUNE":    {"cấp xã", "commune"},
	},
	Statuses: map[string]Label{
		"ISSUED":   {"đã ban hành", "issued"},
		"DRAFT":    {"dự thảo", "draft"},
		"REPLACED": {"đã được thay thế", "replaced"},
	},
	Deadlines: map[string]Label{
		"DATE":        {"hạn", "due"},
		"RECURRING":   {"định kỳ", "recurring"},
		"PERIODIC":    {"theo giai đoạn", "periodic"},
		"CONDITIONAL": {"khi phát sinh", "conditional"},
		"UNSPECIFIED": {"không nêu thời hạn", "no deadline given"},
	},
	Tags: map[string]Label{
		"ROLE":       {"vai trò", "role"},
		"FIELD":      {"lĩnh vực", "field"},
		"AREA":       {"địa bàn", "area"},
		"PARTNER":    {"cơ quan phối hợp", "partner"},
		"REPORTS_TO": {"báo cáo cho", "reports to"},
	},
	UI: map[string]Label{
		"title.sub":                {"mạng phối hợp liên ngành", "coordination network explorer"},
		"province":                 {"Tỉnh", "Province"},
		"province.choose":          {"Chọn tỉnh…", "Choose a province…"},
		"search.placeholder":       {"Tìm cơ quan, nhiệm vụ, điều khoản (vd. hai quan)", "Search agencies, duties, provisions (e.g. hai quan)"},
		"search.label":             {"Nội dung tìm kiếm", "Search text"},
		"search.submit":            {"Tìm", "Search"},
		"search.results":           {"Kết quả tìm kiếm", "Search results"},
		"search.none":              {"Không có kết quả cho “%s”.", "Nothing matches “%s”."},
		"search.show":              {"Xem %s", "Show %s"},
		"network.label":            {"Mạng cơ quan", "Agency network"},
		"network.description":      {"Các cơ quan của tỉnh đã chọn và liên kết giữa chúng", "Agencies of the chosen province and the links between them"},
		"legend.links":             {"Liên kết:", "Links:"},
		"legend.kinds":             {"Cơ quan:", "Agencies:"},
		"legend.hideUnlinked":      {"Ẩn cơ quan không có liên kết", "Hide unlinked agencies"},
		"panel.hint":               {"Bấm vào một cơ quan trên mạng hoặc trong kết quả tìm kiếm để xem nhiệm vụ, việc chuyển giao và điều khoản làm căn cứ.", "Click an agency in the network or in search results to see its duties, handoffs and the provisions behind them."},
		"chain.title":              {"Chuỗi chuyển giao", "Handoff chain"},
		"chain.hint":               {"Ai truy đuổi, ai được thông báo và ai tiếp nhận khi hàng hóa ra khỏi hoặc đi vào một địa bàn, theo từng bước.", "Who pursues, who is notified and who takes over when goods leave or enter an area, hop by hop."},
		"chain.anyProvince":        {"Mọi tỉnh", "Any province"},
		"chain.leaving":            {"Rời khỏi", "Leaving"},
		"chain.entering":           {"Đi vào", "Entering"},
		"chain.depth":              {"Số bước", "Depth"},
		"chain.direction":          {"Chiều", "Direction"},
		"chain.same":               {"Cùng chiều di chuyển", "Same direction of travel"},
		"chain.any":                {"Mọi chiều", "Any direction"},
		"chain.submit":             {"Xem chuỗi", "Show chain"},
		"chain.none":               {"Không có quy định chuyển giao nào bắt đầu từ đó.", "No handoff rule starts there."},
		"chain.hop":                {"Bước %s", "Hop %s"},
		"chain.via":                {" — qua ", " — reached through "},
		"duties":                   {"Nhiệm vụ", "Duties"},
		"handoffs.out":             {"Chuyển giao đi", "Handoffs out"},
		"handoffs.in":              {"Tiếp nhận chuyển giao", "Handoffs in"},
		"plan.leads":               {"Nhiệm vụ kế hoạch chủ trì", "Plan actions it leads"},
		"plan.coordinates":         {"Nhiệm vụ kế hoạch phối hợp", "Plan actions it co-ordinates"},
		"none":                     {"Không có.", "None."},
		"national":                 {"trung ương", "national"},
		"partOf":                   {" · trực thuộc ", " · part of "},
		"aliases":                  {"Tên khác: ", "Also called: "},
		"reportsTo":                {"Báo cáo cho: ", "Reports to: "},
		"reportedToBy":             {"Nhận báo cáo của: ", "Reported to by: "},
		"fields":                   {"Lĩnh vực: ", "Fields: "},
		"areas":                    {"Địa bàn: ", "Areas: "},
		"with":                     {"Phối hợp với: ", "With: "},
		"why":                      {"Căn cứ: ", "Why: "},
		"output":                   {"Sản phẩm: ", "Output: "},
		"ledBy":                    {"Chủ trì: ", "Led by "},
		"notifies":                 {"thông báo cho ", "notifies "},
		"transfersTo":              {"chuyển giao cho ", "transfers to "},
		"leaving":                  {"rời khỏi %s", "leaving %s"},
		"entering":                 {"đi vào %s", "entering %s"},
		"provisionText":            {"Nội dung điều khoản", "Provision text"},
		"noProvision":              {"Không ghi nhận điều khoản.", "No provision recorded."},
		"unknownDocument":          {"văn bản không rõ", "unknown document"},
		"unknownAgency":            {"Một cơ quan không rõ", "An unknown agency"},
		"failed":                   {"%s không thành công", "%s failed"},
		"do.network":               {"Tải mạng cơ quan", "Loading the network"},
		"do.agency":                {"Tải cơ quan", "Loading the agency"},
		"do.search":                {"Tìm kiếm", "Searching"},
		"do.chain":                 {"Chuỗi chuyển giao", "The handoff chain"},
		"do.start":                 {"Tải danh sách tỉnh", "Loading the provinces"},
		"advice.BAD_USER_INPUT":    {"Hãy kiểm tra nội dung đã nhập.", "Check what you entered."},
		"advice.NOT_FOUND":         {"Không có trong dữ liệu.", "It is not in the data."},
		"advice.STORE_UNAVAILABLE": {"Không kết nối được cơ sở dữ liệu; hãy thử lại sau.", "The database cannot be reached; try again later."},
		"advice.TIMEOUT":           {"Yêu cầu quá lâu; hãy thử lại hoặc hỏi ít hơn.", "The request took too long; try again, or ask for less."},
		"advice.NETWORK_ERROR":     {"Máy chủ regnet có đang chạy không?", "Is the regnet server running?"},
		"hit.AGENCY":               {"Cơ quan", "Agency"},
		"hit.DUTY":                 {"Nhiệm vụ", "Duty"},
		"hit.PROVISION":            {"Điều khoản", "Provision"},
		"hit.PLAN_ACTION":          {"Nhiệm vụ kế hoạch", "Plan action"},
		"doc.number":               {"Số, ký hiệu", "Number"},
		"doc.unnumbered":           {"chưa có số", "unnumbered"},
		"doc.status":               {"Tình trạng", "Status"},
		"doc.issued":               {"Ngày ban hành", "Issued"},
		"doc.effective":            {"Ngày có hiệu lực", "In force from"},
		"doc.signer":               {"Người ký", "Signed by"},
		"doc.basedOn":              {"Căn cứ: ", "Legal bases: "},
		"doc.replaces":             {"Thay thế: ", "Replaces: "},
		"doc.back":                 {"← Về mạng cơ quan", "← Back to the network"},
		"do.document":              {"Tải văn bản", "Loading the document"},
		"compare.title":            {"So sánh hai tỉnh", "Compare two provinces"},
		"compare.open":             {"So sánh tỉnh", "Compare provinces"},
		"compare.submit":           {"So sánh", "Compare"},
		"compare.matrix":           {"Ma trận phân công", "Coverage matrix"},
		"compare.field":            {"Lĩnh vực", "Field"},
		"compare.kind":             {"Cơ quan", "Agency kind"},
		"compare.kindsOnly":        {"Cơ quan chỉ có ở tỉnh này: ", "Agency kinds only here: "},
		"compare.handoffsOnly":     {"Quy định chuyển giao chỉ có ở tỉnh này: ", "Handoff rules only here: "},
		"cell.LEAD":                {"chủ trì", "leads"},
		"cell.COORDINATE":          {"phối hợp", "co-ordinates"},
		"cell.GAP":                 {"chưa có cơ quan chủ trì", "gap: nobody leads"},
		"cell.OVERLAP":             {"nhiều cơ quan cùng chủ trì", "overlap: several lead"},
		"cell.short.LEAD":          {"C", "L"},
		"cell.short.COORDINATE":    {"P", "C"},
		"cell.short.GAP":           {"!", "!"},
		"cell.short.OVERLAP":       {"×", "×"},
		"do.compare":               {"So sánh", "The comparison"},
		"switch":                   {"English", "Tiếng Việt"},
	},
}
