// The regnet graph's schema: its constraints and indexes, applied when the store opens.
// Every statement says IF NOT EXISTS, so applying it again changes nothing.
// Statements end with ";"; lines starting with "//" are comments.

// One node per id: loading the same files twice must change nothing.
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT provision_id IF NOT EXISTS FOR (n:Provision) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT province_id IF NOT EXISTS FOR (n:Province) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT duty_id IF NOT EXISTS FOR (n:Duty) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT handoff_id IF NOT EXISTS FOR (n:Handoff) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT plan_action_id IF NOT EXISTS FOR (n:PlanAction) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT schedule_id IF NOT EXISTS FOR (n:Schedule) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT field_code IF NOT EXISTS FOR (n:Field) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT area_code IF NOT EXISTS FOR (n:Area) REQUIRE n.code IS UNIQUE;

// The lookups the Store methods make besides ids.
CREATE INDEX document_number IF NOT EXISTS FOR (n:Document) ON (n.number);
CREATE INDEX document_province IF NOT EXISTS FOR (n:Document) ON (n.province);
CREATE INDEX provision_document IF NOT EXISTS FOR (n:Provision) ON (n.document);
CREATE INDEX province_name IF NOT EXISTS FOR (n:Province) ON (n.name);
CREATE INDEX agency_province IF NOT EXISTS FOR (n:Agency) ON (n.province);
CREATE INDEX agency_kind IF NOT EXISTS FOR (n:Agency) ON (n.kind);
CREATE INDEX agency_parent IF NOT EXISTS FOR (n:Agency) ON (n.parent);
CREATE INDEX duty_agency IF NOT EXISTS FOR (n:Duty) ON (n.agency);
CREATE INDEX duty_document IF NOT EXISTS FOR (n:Duty) ON (n.document);
CREATE INDEX handoff_from IF NOT EXISTS FOR (n:Handoff) ON (n.from);
CREATE INDEX handoff_document IF NOT EXISTS FOR (n:Handoff) ON (n.document);
CREATE INDEX plan_action_document IF NOT EXISTS FOR (n:PlanAction) ON (n.document);
CREATE INDEX target_document IF NOT EXISTS FOR (n:Target) ON (n.document);
CREATE INDEX schedule_document IF NOT EXISTS FOR (n:Schedule) ON (n.document);

// No index on the derived links' handoff and duty properties: with one, the
// planner may plan MERGE of those links as an index scan per row (quadratic
// in the links); a load finds them from their start agency instead.

// Search: `folded` holds the tokens of a node's names and texts, folded with
// regnet.Fold and joined by spaces. Folding happens in Go because Neo4j's
// folding analyzer also drops English stop words, which are real Vietnamese
// syllables ("an", "to", "the", "on"); the whitespace analyzer keeps every
// token as it is. Agencies have an index of their own because they rank
// before every other hit.
CREATE FULLTEXT INDEX regnet_search_agencies IF NOT EXISTS
FOR (n:Agency) ON EACH [n.folded]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
CREATE FULLTEXT INDEX regnet_search_facts IF NOT EXISTS
FOR (n:Duty|Provision|PlanAction) ON EACH [n.folded]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};

// The load version (see version.go): one node, found by its key.
CREATE CONSTRAINT meta_id IF NOT EXISTS FOR (n:Meta) REQUIRE n.id IS UNIQUE;
