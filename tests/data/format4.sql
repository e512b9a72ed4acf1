-- csdesk project file format 4, frozen: the schema before migration step 5 (the vision
-- table; champions' trained flag and critical friends' organisation). Tests build a
-- format-4 file from it to exercise the real migration path.
PRAGMA application_id = 1129530451;
CREATE TABLE agency (
	id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	sector VARCHAR NOT NULL, 
	notes VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);
CREATE TABLE level (
	id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	criteria VARCHAR NOT NULL, 
	approx_count INTEGER, 
	count_note VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT count_not_negative CHECK (approx_count IS NULL OR approx_count >= 0)
);
CREATE TABLE journey (
	id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	kind VARCHAR NOT NULL, 
	context_type VARCHAR, 
	title VARCHAR NOT NULL, 
	description VARCHAR NOT NULL, 
	archived BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT child_has_no_context_type CHECK (kind = 'context' OR context_type IS NULL)
);
CREATE TABLE review_round (
	id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	label VARCHAR NOT NULL, 
	held_on DATE, 
	participants VARCHAR NOT NULL, 
	notes VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE roadmap_step (
	id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	description VARCHAR NOT NULL, 
	status VARCHAR NOT NULL, 
	started_on DATE, 
	completed_on DATE, 
	notes VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE meta (
	"key" VARCHAR NOT NULL, 
	value VARCHAR NOT NULL, 
	PRIMARY KEY ("key")
);
CREATE TABLE project (
	id INTEGER NOT NULL, 
	title VARCHAR NOT NULL, 
	local_area VARCHAR NOT NULL, 
	marking VARCHAR NOT NULL, 
	notes VARCHAR NOT NULL, 
	created_at DATETIME NOT NULL, 
	changed_at DATETIME NOT NULL, 
	framework_name VARCHAR NOT NULL, 
	framework_version VARCHAR NOT NULL, 
	framework_source VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT one_project_row CHECK (id = 1)
);
CREATE TRIGGER project_row_stays BEFORE DELETE ON project BEGIN SELECT RAISE(ABORT, 'a project file keeps its project row'); END;
CREATE TABLE domain (
	id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	"key" VARCHAR NOT NULL, 
	short_name VARCHAR NOT NULL, 
	meaning VARCHAR NOT NULL, 
	question VARCHAR NOT NULL, 
	prompts VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE ("key")
);
CREATE TABLE cs_value (
	id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	meaning VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE system_area (
	id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	description VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE evidence_source (
	id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE rag_meaning (
	id INTEGER NOT NULL, 
	rag VARCHAR NOT NULL, 
	label VARCHAR NOT NULL, 
	meaning VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (rag)
);
CREATE TABLE sector (
	id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);
CREATE TABLE journey_template (
	id INTEGER NOT NULL, 
	kind VARCHAR NOT NULL, 
	context_type VARCHAR, 
	name VARCHAR NOT NULL, 
	description VARCHAR NOT NULL, 
	stages VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE stage (
	id INTEGER NOT NULL, 
	journey_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	lead_agency_id INTEGER, 
	what_happens VARCHAR NOT NULL, 
	decision VARCHAR NOT NULL, 
	decision_options VARCHAR NOT NULL, 
	level_id INTEGER, 
	days INTEGER, 
	waiting_days INTEGER, 
	time_note VARCHAR NOT NULL, 
	context_considered VARCHAR NOT NULL, 
	gaps VARCHAR NOT NULL, 
	evidence_notes VARCHAR NOT NULL, 
	archived BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT days_not_negative CHECK (days IS NULL OR days >= 0), 
	CONSTRAINT waiting_days_not_negative CHECK (waiting_days IS NULL OR waiting_days >= 0), 
	FOREIGN KEY(journey_id) REFERENCES journey (id) ON DELETE CASCADE, 
	FOREIGN KEY(lead_agency_id) REFERENCES agency (id) ON DELETE SET NULL, 
	FOREIGN KEY(level_id) REFERENCES level (id) ON DELETE SET NULL
);
CREATE INDEX ix_stage_lead_agency_id ON stage (lead_agency_id);
CREATE INDEX ix_stage_level_id ON stage (level_id);
CREATE INDEX ix_stage_journey_id ON stage (journey_id);
CREATE TABLE value_check (
	id INTEGER NOT NULL, 
	round_id INTEGER NOT NULL, 
	value_id INTEGER NOT NULL, 
	rag VARCHAR NOT NULL, 
	evidence VARCHAR NOT NULL, 
	confidence VARCHAR, 
	PRIMARY KEY (id), 
	UNIQUE (round_id, value_id), 
	FOREIGN KEY(round_id) REFERENCES review_round (id) ON DELETE CASCADE, 
	FOREIGN KEY(value_id) REFERENCES cs_value (id) ON DELETE CASCADE
);
CREATE INDEX ix_value_check_round_id ON value_check (round_id);
CREATE INDEX ix_value_check_value_id ON value_check (value_id);
CREATE TABLE member (
	id INTEGER NOT NULL, 
	member_group VARCHAR NOT NULL, 
	agency_id INTEGER, 
	role VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	notes VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id) ON DELETE SET NULL
);
CREATE INDEX ix_member_agency_id ON member (agency_id);
CREATE TABLE action (
	id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	title VARCHAR NOT NULL, 
	description VARCHAR NOT NULL, 
	plan_level VARCHAR NOT NULL, 
	lead_agency_id INTEGER, 
	owner_role VARCHAR NOT NULL, 
	start_on DATE, 
	due_on DATE, 
	review_on DATE, 
	status VARCHAR NOT NULL, 
	priority VARCHAR NOT NULL, 
	goal VARCHAR NOT NULL, 
	response VARCHAR NOT NULL, 
	measure VARCHAR NOT NULL, 
	success_looks_like VARCHAR NOT NULL, 
	roadmap_step_id INTEGER, 
	journey_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(lead_agency_id) REFERENCES agency (id) ON DELETE SET NULL, 
	FOREIGN KEY(roadmap_step_id) REFERENCES roadmap_step (id) ON DELETE SET NULL, 
	FOREIGN KEY(journey_id) REFERENCES journey (id) ON DELETE SET NULL
);
CREATE INDEX ix_action_lead_agency_id ON action (lead_agency_id);
CREATE INDEX ix_action_roadmap_step_id ON action (roadmap_step_id);
CREATE INDEX ix_action_journey_id ON action (journey_id);
CREATE TABLE stage_agency (
	stage_id INTEGER NOT NULL, 
	agency_id INTEGER NOT NULL, 
	PRIMARY KEY (stage_id, agency_id), 
	FOREIGN KEY(stage_id) REFERENCES stage (id) ON DELETE CASCADE, 
	FOREIGN KEY(agency_id) REFERENCES agency (id) ON DELETE CASCADE
);
CREATE INDEX ix_stage_agency_agency_id ON stage_agency (agency_id);
CREATE TABLE stage_link (
	id INTEGER NOT NULL, 
	from_stage_id INTEGER NOT NULL, 
	to_stage_id INTEGER NOT NULL, 
	kind VARCHAR NOT NULL, 
	note VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT no_self_link CHECK (from_stage_id <> to_stage_id), 
	UNIQUE (from_stage_id, to_stage_id, kind), 
	FOREIGN KEY(from_stage_id) REFERENCES stage (id) ON DELETE CASCADE, 
	FOREIGN KEY(to_stage_id) REFERENCES stage (id) ON DELETE CASCADE
);
CREATE INDEX ix_stage_link_to_stage_id ON stage_link (to_stage_id);
CREATE INDEX ix_stage_link_from_stage_id ON stage_link (from_stage_id);
CREATE TABLE rating (
	id INTEGER NOT NULL, 
	round_id INTEGER NOT NULL, 
	stage_id INTEGER, 
	area_id INTEGER, 
	domain_id INTEGER NOT NULL, 
	rag VARCHAR NOT NULL, 
	na_reason VARCHAR NOT NULL, 
	rationale VARCHAR NOT NULL, 
	evidence_notes VARCHAR NOT NULL, 
	confidence VARCHAR, 
	PRIMARY KEY (id), 
	CONSTRAINT one_rated_item CHECK ((stage_id IS NULL) <> (area_id IS NULL)), 
	CONSTRAINT not_applicable_needs_reason CHECK (rag <> 'not applicable' OR na_reason <> ''), 
	FOREIGN KEY(round_id) REFERENCES review_round (id) ON DELETE CASCADE, 
	FOREIGN KEY(stage_id) REFERENCES stage (id) ON DELETE CASCADE, 
	FOREIGN KEY(area_id) REFERENCES system_area (id) ON DELETE CASCADE, 
	FOREIGN KEY(domain_id) REFERENCES domain (id) ON DELETE CASCADE
);
CREATE INDEX ix_rating_stage_id ON rating (stage_id);
CREATE UNIQUE INDEX rating_stage_cell ON rating (round_id, stage_id, domain_id) WHERE stage_id IS NOT NULL;
CREATE INDEX ix_rating_domain_id ON rating (domain_id);
CREATE INDEX ix_rating_area_id ON rating (area_id);
CREATE UNIQUE INDEX rating_area_cell ON rating (round_id, area_id, domain_id) WHERE area_id IS NOT NULL;
CREATE INDEX ix_rating_round_id ON rating (round_id);
CREATE TABLE action_partner (
	action_id INTEGER NOT NULL, 
	agency_id INTEGER NOT NULL, 
	PRIMARY KEY (action_id, agency_id), 
	FOREIGN KEY(action_id) REFERENCES action (id) ON DELETE CASCADE, 
	FOREIGN KEY(agency_id) REFERENCES agency (id) ON DELETE CASCADE
);
CREATE INDEX ix_action_partner_agency_id ON action_partner (agency_id);
CREATE TABLE action_gap (
	id INTEGER NOT NULL, 
	action_id INTEGER NOT NULL, 
	stage_id INTEGER, 
	area_id INTEGER, 
	domain_id INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT one_rated_item CHECK ((stage_id IS NULL) <> (area_id IS NULL)), 
	FOREIGN KEY(action_id) REFERENCES action (id) ON DELETE CASCADE, 
	FOREIGN KEY(stage_id) REFERENCES stage (id) ON DELETE CASCADE, 
	FOREIGN KEY(area_id) REFERENCES system_area (id) ON DELETE CASCADE, 
	FOREIGN KEY(domain_id) REFERENCES domain (id) ON DELETE CASCADE
);
CREATE INDEX ix_action_gap_action_id ON action_gap (action_id);
CREATE UNIQUE INDEX action_gap_stage ON action_gap (action_id, stage_id, domain_id) WHERE stage_id IS NOT NULL;
CREATE UNIQUE INDEX action_gap_area ON action_gap (action_id, area_id, domain_id) WHERE area_id IS NOT NULL;
CREATE INDEX ix_action_gap_stage_id ON action_gap (stage_id);
CREATE INDEX ix_action_gap_domain_id ON action_gap (domain_id);
CREATE INDEX ix_action_gap_area_id ON action_gap (area_id);
CREATE TABLE progress_note (
	id INTEGER NOT NULL, 
	action_id INTEGER NOT NULL, 
	noted_on DATE NOT NULL, 
	text VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(action_id) REFERENCES action (id) ON DELETE CASCADE
);
CREATE INDEX ix_progress_note_action_id ON progress_note (action_id);
CREATE TABLE rating_evidence (
	rating_id INTEGER NOT NULL, 
	source_id INTEGER NOT NULL, 
	PRIMARY KEY (rating_id, source_id), 
	FOREIGN KEY(rating_id) REFERENCES rating (id) ON DELETE CASCADE, 
	FOREIGN KEY(source_id) REFERENCES evidence_source (id) ON DELETE CASCADE
);
CREATE INDEX ix_rating_evidence_source_id ON rating_evidence (source_id);
PRAGMA user_version = 4;
