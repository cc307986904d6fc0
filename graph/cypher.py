"""Every Cypher statement claimgraph runs, named, in the subset FalkorDB and Neo4j share.

Rules this module keeps (see docs/graph-model.md):
- every value is a `$parameter`; the only text ever spliced into a statement is a
  label, relationship type or path depth taken from the closed tuples below, and that
  splicing happens here, at import time, so the statements are fixed strings;
- no `EXISTS {}` / `COUNT {}` subqueries, no `=~`, no `IF NOT EXISTS` outside the
  Neo4j-only block, no shortestPath in MATCH (FalkorDB lacks or limits them);
- dates travel as ISO strings ("2024-03-01"): they sort and compare the same way on
  both engines, and FalkorDB 4.18's Bolt endpoint crashes on temporal values;
- the few backend-specific statements (indexes vs constraints) sit side by side in
  SCHEMA_FALKORDB / SCHEMA_NEO4J.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

# ---------------------------------------------------------------------------------------
# The model's closed vocabularies of labels and relationship types.
# ---------------------------------------------------------------------------------------
NODE_LABELS = (
    "Paper", "Author", "Method", "Category", "Dataset", "Model", "Metric", "Claim", "IngestRun",
)
REL_TYPES = (
    "WROTE", "PROPOSES", "MENTIONS", "EVALUATES_ON", "USES_MODEL", "REPORTS_METRIC",
    "IN_CATEGORY", "MAKES", "ABOUT", "AGAINST", "ON_DATASET", "ON_MODEL", "MEASURES",
    "OUTPERFORMS",
)
# Named entities shared between papers: merged by folded id, kept when a paper goes
# unless nothing else refers to them any more.
ENTITY_LABELS = ("Author", "Method", "Dataset", "Model", "Metric")
# Labels whose ids are folded names (schema.fold); the others use ids as given.
FOLDED_LABELS = ENTITY_LABELS
# Every node label with an `id` merge key, bookkeeping included. MethodAlias maps a
# folded alias to its method (`method`), so resolving "OPTQ" is an index lookup rather
# than a scan of every method's alias list.
KEYED_LABELS = NODE_LABELS + ("Lock", "MethodAlias")

# Paper -> entity links a paper asserts: (relationship, target label).
PAPER_LINKS = (
    ("PROPOSES", "Method"),
    ("MENTIONS", "Method"),
    ("EVALUATES_ON", "Dataset"),
    ("USES_MODEL", "Model"),
    ("REPORTS_METRIC", "Metric"),
    ("IN_CATEGORY", "Category"),
)
# Claim -> entity links: (relationship, target label).
CLAIM_LINKS = (
    ("ABOUT", "Method"),
    ("AGAINST", "Method"),
    ("ON_DATASET", "Dataset"),
    ("ON_MODEL", "Model"),
    ("MEASURES", "Metric"),
)
# Relationships a paper owns directly (deleted when the paper is replaced).
PAPER_OWNED_RELS = ("WROTE",) + tuple(rel for rel, _ in PAPER_LINKS)

# ---------------------------------------------------------------------------------------
# Schema: range indexes on FalkorDB, uniqueness constraints on Neo4j, side by side.
# ---------------------------------------------------------------------------------------
# Claims have no id index on FalkorDB: at 1M papers it held ~1M string keys (~0.4 GB of
# the server's RAM), and every claim is reached through its paper (`claim_paper` of its
# id) or the entities it links to. Neo4j, on disk, keeps its uniqueness constraint.
UNINDEXED_FALKORDB = ("Claim",)
SCHEMA_FALKORDB: tuple[str, ...] = tuple(
    f"CREATE INDEX FOR (n:{label}) ON (n.id)" for label in KEYED_LABELS if label not in UNINDEXED_FALKORDB
) + (
    # replacing a paper finds its OUTPERFORMS edges by the paper id they carry
    "CREATE INDEX FOR ()-[r:OUTPERFORMS]-() ON (r.paper)",
    "CREATE INDEX FOR (n:IngestRun) ON (n.query)",
    "CREATE INDEX FOR (n:MethodAlias) ON (n.method)",
)
# Word search over titles and abstracts kept in the graph (`papers` with q=...). The
# embedded store keeps abstracts and their word index beside the graph instead
# (graph/paper_texts.py); this FalkorDB index serves only a Neo4j-code-path store whose
# Bolt server is FalkorDB (the tests' and benchmarks' stand-in for Neo4j).
PAPER_TEXT_INDEX_FALKORDB = "CALL db.idx.fulltext.createNodeIndex('Paper', 'title', 'abstract')"
PAPER_TEXT_INDEX_DROP_FALKORDB = "CALL db.idx.fulltext.drop('Paper')"
INDEX_TYPES = "CALL db.indexes() YIELD label, types RETURN label, types"
SCHEMA_NEO4J: tuple[str, ...] = tuple(
    f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
    for label in KEYED_LABELS
) + (
    "CREATE INDEX outperforms_paper IF NOT EXISTS FOR ()-[r:OUTPERFORMS]-() ON (r.paper)",
    "CREATE INDEX ingestrun_query IF NOT EXISTS FOR (n:IngestRun) ON (n.query)",
    "CREATE INDEX methodalias_method IF NOT EXISTS FOR (n:MethodAlias) ON (n.method)",
    "CREATE FULLTEXT INDEX paper_text IF NOT EXISTS FOR (n:Paper) ON EACH [n.title, n.abstract]",
)

# ---------------------------------------------------------------------------------------
# Upsert and delete. One statement per batch: parts joined by `WITH count(*) AS _k`,
# an aggregation that folds each part's rows back to one, so the next part runs once.
# A single statement is atomic on both engines (FalkorDB undoes a failed query; Neo4j
# runs it in one transaction), so a batch lands whole or not at all.
# ---------------------------------------------------------------------------------------
PAPER_HASHES = """
UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN p.id AS id, p.text_hash AS text_hash, p.record_hash AS record_hash
"""

# What the papers linked to before (to delete entities left with no referrer).
PAPER_NEIGHBOURS = """
UNWIND $ids AS id
MATCH (p:Paper {id: id})-[]-(n)
RETURN DISTINCT labels(n)[0] AS label, n.id AS id
"""

_DELETE_PARTS = (
    """UNWIND $ids AS id
MATCH (:Paper {id: id})-[:MAKES]->(c:Claim)
DETACH DELETE c""",
    f"""UNWIND $ids AS id
MATCH (:Paper {{id: id}})-[r:{'|'.join(PAPER_OWNED_RELS)}]-()
DELETE r""",
    """UNWIND $ids AS id
MATCH ()-[r:OUTPERFORMS]->()
WHERE r.paper = id
DELETE r""",
)

_WRITE_PARTS = (
    """UNWIND $papers AS row
MERGE (p:Paper {id: row.id})
SET p += row.props""",
    """UNWIND $authors AS row
MATCH (p:Paper {id: row.paper})
MERGE (a:Author {id: row.id})
ON CREATE SET a.name = row.name
CREATE (a)-[:WROTE]->(p)""",
    # Names merge across papers by folded id; aliases accumulate; the first category
    # a method is given sticks (the lexicon gives the same one every time).
    """UNWIND $methods AS row
MERGE (m:Method {id: row.id})
ON CREATE SET m.name = row.name, m.aliases = [], m.alias_ids = []
SET m.category = coalesce(m.category, row.category),
    m.aliases = reduce(acc = coalesce(m.aliases, []), x IN row.aliases |
                       CASE WHEN x IN acc THEN acc ELSE acc + x END),
    m.alias_ids = reduce(acc = coalesce(m.alias_ids, []), x IN row.alias_ids |
                         CASE WHEN x IN acc THEN acc ELSE acc + x END)""",
    """UNWIND $method_aliases AS row
MERGE (a:MethodAlias {id: row.alias})
ON CREATE SET a.method = row.method""",
    """UNWIND $method_categories AS row
MATCH (m:Method {id: row.method})
MERGE (c:Category {id: row.category})
ON CREATE SET c.name = row.category
MERGE (m)-[:IN_CATEGORY]->(c)""",
    """UNWIND $categories AS row
MERGE (c:Category {id: row.id})
ON CREATE SET c.name = row.id""",
) + tuple(
    f"""UNWIND ${label.lower()}s AS row
MERGE (e:{label} {{id: row.id}})
ON CREATE SET e.name = row.name, e.aliases = []
SET e.aliases = reduce(acc = coalesce(e.aliases, []), x IN row.aliases |
                       CASE WHEN x IN acc THEN acc ELSE acc + x END)"""
    for label in ("Dataset", "Model", "Metric")
) + tuple(
    f"""UNWIND $link_{rel.lower()} AS row
MATCH (p:Paper {{id: row.paper}})
MATCH (t:{label} {{id: row.target}})
CREATE (p)-[:{rel}]->(t)"""
    for rel, label in PAPER_LINKS
) + (
    """UNWIND $claims AS row
MATCH (p:Paper {id: row.paper})
CREATE (p)-[:MAKES]->(c:Claim {id: row.id})
SET c += row.props""",
) + tuple(
    f"""UNWIND $claim_{rel.lower()} AS row
MATCH (:Paper {{id: row.paper}})-[:MAKES]->(c:Claim {{id: row.claim}})
MATCH (t:{label} {{id: row.target}})
CREATE (c)-[:{rel}]->(t)"""
    for rel, label in CLAIM_LINKS
) + (
    """UNWIND $outperforms AS row
MATCH (a:Method {id: row.method})
MATCH (b:Method {id: row.baseline})
CREATE (a)-[o:OUTPERFORMS]->(b)
SET o += row.props""",
)

_DROP_PAPER_PART = """UNWIND $ids AS id
MATCH (p:Paper {id: id})
DETACH DELETE p"""

# Entities nobody refers to any more go (IN_CATEGORY is the method's own fact, not a
# reference). Runs last, so a name another paper in the same batch still uses stays.
_ORPHAN_PARTS = tuple(
    f"""UNWIND $orphan_{label.lower()} AS id
MATCH (n:{label} {{id: id}})
OPTIONAL MATCH (n)-[r]-()
WHERE type(r) <> 'IN_CATEGORY'
WITH n, count(r) AS refs
WHERE refs = 0
DETACH DELETE n"""
    for label in ENTITY_LABELS
) + (
    # aliases whose method is gone
    """UNWIND $orphan_method AS id
MATCH (a:MethodAlias {method: id})
OPTIONAL MATCH (m:Method {id: id})
WITH a, m
WHERE m IS NULL
DELETE a""",
)


def _chain(parts: tuple[str, ...]) -> str:
    joined = "".join(f"{part}\nWITH count(*) AS _{i}\n" for i, part in enumerate(parts))
    return joined + "RETURN 1 AS done"


UPSERT_BATCH = _chain(_DELETE_PARTS + _WRITE_PARTS + _ORPHAN_PARTS)
DELETE_PAPERS = _chain(_DELETE_PARTS + (_DROP_PAPER_PART,) + _ORPHAN_PARTS)

# The parameters UPSERT_BATCH / DELETE_PAPERS expect (all lists; empty lists are fine).
UPSERT_PARAMS: tuple[str, ...] = (
    "ids", "papers", "authors", "methods", "method_aliases", "method_categories", "categories",
    "datasets", "models", "metrics", "claims", "outperforms",
) + tuple(f"link_{rel.lower()}" for rel, _ in PAPER_LINKS) + tuple(
    f"claim_{rel.lower()}" for rel, _ in CLAIM_LINKS
) + tuple(f"orphan_{label.lower()}" for label in ENTITY_LABELS)
DELETE_PARAMS: tuple[str, ...] = ("ids",) + tuple(f"orphan_{label.lower()}" for label in ENTITY_LABELS)

# Paper properties shown but never matched, filtered or sorted on. The embedded store
# keeps them beside the graph (graph/paper_texts.py), out of FalkorDB's RAM; on Neo4j
# they are Paper properties like the rest.
PAPER_DOC_FIELDS = ("abstract", "authors", "version", "updated", "url", "source", "is_summary")

# Embedded graphs written before those fields moved beside the graph: a page of papers
# that still carry some, then (once they are safe in PaperTexts) the properties removed.
TEXTS_IN_GRAPH = f"""
MATCH (p:Paper)
WHERE {" OR ".join(f"p.{f} IS NOT NULL" for f in PAPER_DOC_FIELDS)}
RETURN p.id AS id, properties(p) AS props
LIMIT $limit
"""
TEXTS_MOVED = f"""
UNWIND $ids AS id
MATCH (p:Paper {{id: id}})
SET {", ".join(f"p.{f} = NULL" for f in PAPER_DOC_FIELDS)}
"""

# ---------------------------------------------------------------------------------------
# Ingest bookkeeping: runs and an advisory lock, in plain Cypher on both engines.
# ---------------------------------------------------------------------------------------
SAVE_RUN = """
MERGE (r:IngestRun {id: $id})
SET r += $props
"""
RUNS = """
MATCH (r:IngestRun)
WHERE $query IS NULL OR r.query = $query
RETURN r.id AS id, r.query AS query, r.source AS source, r.started AS started,
       r.finished AS finished, r.status AS status, r.counts AS counts,
       r.watermark AS watermark, r.message AS message
ORDER BY r.started DESC
LIMIT $limit
"""
LAST_WATERMARK = """
MATCH (r:IngestRun {query: $query})
WHERE r.watermark IS NOT NULL
RETURN max(r.watermark) AS watermark
"""
# The first SET takes the node's write lock on Neo4j before the holder is read, so two
# contenders serialise; FalkorDB runs one write query at a time anyway.
TRY_LOCK = """
MERGE (l:Lock {id: $name})
SET l.touched = $now
WITH l, (l.owner IS NULL OR l.owner = $owner OR l.expires < $now
         OR ($steal_from IS NOT NULL AND l.owner = $steal_from)) AS free
SET l.owner = CASE WHEN free THEN $owner ELSE l.owner END,
    l.expires = CASE WHEN free THEN $now + $ttl ELSE l.expires END
RETURN l.owner = $owner AS acquired
"""
LOCK_INFO = """
MATCH (l:Lock {id: $name})
WHERE l.owner IS NOT NULL
RETURN l.owner AS owner, l.expires AS expires
"""
UNLOCK = """
MATCH (l:Lock {id: $name})
WHERE l.owner = $owner
SET l.owner = null, l.expires = null
RETURN count(l) AS released
"""

# ---------------------------------------------------------------------------------------
# Stats: one count per label and relationship type (UNION ALL of cheap counts).
# ---------------------------------------------------------------------------------------
# FalkorDB keeps the counts: one procedure call, about a millisecond at any size (the
# UNION below takes seconds there at 100k papers). Neo4j answers the UNION from its
# count store.
STATS_FALKORDB = "CALL db.meta.stats() YIELD labels, relTypes RETURN labels, relTypes"
STATS = "\nUNION ALL\n".join(
    [f"MATCH (n:{label}) RETURN '{label}' AS name, count(n) AS total" for label in NODE_LABELS]
    + [f"MATCH ()-[r:{rel}]->() RETURN '{rel}' AS name, count(r) AS total" for rel in REL_TYPES]
)

# Alias-aware lookup of a method (by folded name first, then any folded alias).
RESOLVE_METHOD = """
MATCH (m:Method {id: $id})
RETURN m.id AS id
"""
# (A second MATCH on `a.method` would be planned by FalkorDB as a scan of every Method.)
RESOLVE_METHOD_ALIAS = """
MATCH (a:MethodAlias {id: $id})
RETURN a.method AS id
"""

# ---------------------------------------------------------------------------------------
# Dump and import (graph/transfer.py): the whole graph, streamed page by page, between
# stores. Everything that carries a graph fact moves: IngestRun (the ingest watermarks)
# and MethodAlias included, the advisory Lock not (it belongs to the running processes).
# ---------------------------------------------------------------------------------------
DUMP_LABELS = NODE_LABELS + ("MethodAlias",)
# Every kind of edge graph/base.py writes, as (type, source label, target label). The
# labels sit in the statements, so a relationship's ends are matched through the `id`
# index of their own label.
REL_ENDPOINTS: tuple[tuple[str, str, str], ...] = (
    (("WROTE", "Author", "Paper"),)
    + tuple((rel, "Paper", label) for rel, label in PAPER_LINKS)
    + (("IN_CATEGORY", "Method", "Category"), ("MAKES", "Paper", "Claim"))
    + tuple((rel, "Claim", label) for rel, label in CLAIM_LINKS)
    + (("OUTPERFORMS", "Method", "Method"),)
)
# Relationship types unique per (source, target) pair, except OUTPERFORMS: one edge per
# paper for a method pair, so its merge key adds the edge's `paper` property.
REL_MERGE_KEYS: dict[str, tuple[str, ...]] = {rel: () for rel in REL_TYPES}
REL_MERGE_KEYS["OUTPERFORMS"] = ("paper",)

# Pages, per dialect. Each row carries `cursor`, the value the next page starts after.
# - neo4j: keyset on the indexed `id` (the uniqueness constraint's range index returns
#   ids in order, so `ORDER BY n.id LIMIT` reads one page and no more); start after "".
# - falkordb: keyset on the internal node id. FalkorDB answers `n.id > $after ORDER BY
#   n.id LIMIT $limit` correctly, but sorts every remaining match for every page
#   (quadratic: 100k papers in pages of 2,000 took 12.9 s, against 1.7 s here), while a
#   label scan from an internal id walks the label in id order and stops at the limit
#   (the plan has no Sort; transfer.py checks every page ascends). Start after -1.
DUMP_START = {"neo4j": "", "falkordb": -1}
_PAGE = {
    "neo4j": ("WHERE {v}.id > $after WITH {v} ORDER BY {v}.id LIMIT $limit", "{v}.id"),
    "falkordb": ("WHERE id({v}) > $after WITH {v} LIMIT $limit", "id({v})"),
}
DUMP_NODES: dict[str, dict[str, str]] = {
    dialect: {
        label: f"MATCH (n:{label}) {page.format(v='n')}\n"
               f"RETURN {cursor.format(v='n')} AS cursor, n.id AS id, properties(n) AS props"
        for label in DUMP_LABELS
    }
    for dialect, (page, cursor) in _PAGE.items()
}
# Relationships page over their source nodes; OPTIONAL MATCH keeps a source without
# such an edge as one null row, so a page of sources with no edges still moves the
# cursor (a plain MATCH would return nothing and look like the end).
DUMP_RELS: dict[str, dict[tuple[str, str, str], str]] = {
    dialect: {
        (rel, src, dst): f"MATCH (a:{src}) {page.format(v='a')}\n"
                         f"OPTIONAL MATCH (a)-[r:{rel}]->(b:{dst})\n"
                         f"RETURN {cursor.format(v='a')} AS cursor, a.id AS source, b.id AS target,\n"
                         f"       properties(r) AS props"
        for rel, src, dst in REL_ENDPOINTS
    }
    for dialect, (page, cursor) in _PAGE.items()
}
# `SET n = row.props` replaces every property (props include `id`), so a node present in
# both stores ends up exactly as the dump has it.
IMPORT_NODES: dict[str, str] = {
    label: f"""UNWIND $rows AS row
MERGE (n:{label} {{id: row.id}})
SET n = row.props
RETURN count(n) AS written"""
    for label in DUMP_LABELS
}
# A claim is merged under its paper (rows carry `paper`, see UNINDEXED_FALKORDB), so its
# MAKES edge comes with it; a claim whose paper is missing is not written.
IMPORT_NODES["Claim"] = """UNWIND $rows AS row
MATCH (p:Paper {id: row.paper})
MERGE (p)-[:MAKES]->(n:Claim {id: row.id})
SET n = row.props
RETURN count(n) AS written"""


def _match_node(var: str, label: str, key: str) -> str:
    """MATCH one node by the id in `key` (`row.source`, `$node_id`): a claim through its
    paper, whose id the caller passes in `<key>_paper`."""
    if label == "Claim":
        return f"MATCH (:Paper {{id: {key}_paper}})-[:MAKES]->({var}:Claim {{id: {key}}})"
    return f"MATCH ({var}:{label} {{id: {key}}})"


def _merge_key(rel: str) -> str:
    keys = REL_MERGE_KEYS[rel]
    return " {" + ", ".join(f"{k}: row.key_{k}" for k in keys) + "}" if keys else ""


# Returns the row numbers written, so rows whose end nodes are missing can be named.
IMPORT_RELS: dict[tuple[str, str, str], str] = {
    (rel, src, dst): f"""UNWIND $rows AS row
{_match_node("a", src, "row.source")}
{_match_node("b", dst, "row.target")}
MERGE (a)-[r:{rel}{_merge_key(rel)}]->(b)
SET r = row.props
RETURN row.i AS i"""
    for rel, src, dst in REL_ENDPOINTS
}

# ---------------------------------------------------------------------------------------
# Named queries: what the CLI (`claimgraph query NAME`) and the explorer pages call.
# ---------------------------------------------------------------------------------------
ParamType = Literal["str", "int", "float", "bool", "list"]


@dataclass(frozen=True)
class Param:
    type: ParamType = "str"
    default: Any = None
    required: bool = False
    help: str = ""
    # "method": resolved to a Method id through names and aliases -> `<name>_id`;
    # "fold": folded like node ids -> `<name>_id`; "lower": lower-cased -> `<name>_lower`.
    derive: Literal["method", "fold", "lower", None] = None
    choices: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    cypher: str
    help: str
    params: dict[str, Param] = field(default_factory=dict)
    # "rows": a list of rows; "object": at most one row, shown as an object.
    shape: Literal["rows", "object"] = "rows"
    # Neighbourhood needs a label and a depth in the statement text: those come from
    # closed tuples and pick one of the pre-built statements in `variants`.
    variants: dict[tuple[str, int], str] | None = None
    # Statements that start from an indexed node, keyed by the bound parameter that names
    # it: the first key (in order) whose value is given picks its statement.
    anchors: dict[str, str] | None = None
    # Word search through the engine's full-text index when `q` is given: one statement
    # per dialect ("falkordb", "neo4j"), the $search parameter built by the store.
    search: dict[str, str] | None = None


def _limit(default: int = 100) -> Param:
    return Param("int", default, help="most rows to return")


_CLAIM_FILTERS = {
    "method": Param(derive="method", help="the method the claim is about (name or alias)"),
    "baseline": Param(derive="method", help="the baseline it is compared against"),
    "category": Param(help="efficiency category, e.g. quantization"),
    "kind": Param(help="claim kind, e.g. speedup, perplexity"),
    "unit": Param(help="unit, e.g. x, %"),
    "bits": Param("float", help="bit width"),
    "dataset": Param(derive="fold", help="dataset name"),
    "model": Param(derive="fold", help="model name"),
    "paper": Param(help="arXiv id"),
    "since": Param(help="published on or after (YYYY[-MM[-DD]])"),
    "until": Param(help="published on or before (YYYY[-MM[-DD]])"),
    "min_value": Param("float", help="smallest value"),
    "max_value": Param("float", help="largest value"),
}
_CLAIM_WHERE = """
WHERE ($kind IS NULL OR c.kind = $kind)
  AND ($unit IS NULL OR c.unit = $unit)
  AND ($method_id IS NULL OR c.method_id = $method_id)
  AND ($baseline_id IS NULL OR c.baseline_id = $baseline_id)
  AND ($category IS NULL OR c.category = $category)
  AND ($bits IS NULL OR c.bits = $bits)
  AND ($dataset_id IS NULL OR c.dataset_id = $dataset_id)
  AND ($model_id IS NULL OR c.model_id = $model_id)
  AND ($paper IS NULL OR c.paper = $paper)
  AND ($since IS NULL OR c.published >= $since)
  AND ($until IS NULL OR c.published <= $until + '~')
  AND ($min_value IS NULL OR c.value >= $min_value)
  AND ($max_value IS NULL OR c.value <= $max_value)
"""
_CLAIM_RETURN = """
RETURN c.id AS claim, c.method AS method, c.baseline AS baseline, c.kind AS kind,
       c.value AS value, c.unit AS unit, c.direction AS direction, c.bits AS bits,
       c.model AS model, c.dataset AS dataset, c.hardware AS hardware, c.metric AS metric,
       c.category AS category, c.evidence AS evidence, c.start AS start, c.end AS end,
       c.paper AS paper, p.title AS title, p.published AS published
"""

BEATS = NamedQuery(
    "beats",
    """
MATCH (b:Method {id: $baseline_id})<-[o:OUTPERFORMS]-(m:Method)
WHERE ($bits IS NULL OR o.bits = $bits)
  AND ($dataset_id IS NULL OR o.dataset_id = $dataset_id)
  AND ($model_id IS NULL OR o.model_id = $model_id)
  AND ($kind IS NULL OR o.kind = $kind)
  AND ($category IS NULL OR m.category = $category
       OR (m.category IS NULL AND $category IN o.topics))
RETURN m.name AS method, m.id AS method_id, m.category AS category, b.name AS baseline,
       o.paper AS paper, o.title AS title, o.published AS published, o.bits AS bits,
       o.dataset AS dataset, o.model AS model, o.kind AS kind, o.value AS value,
       o.unit AS unit, o.direction AS direction, o.evidence AS evidence, o.claim AS claim
ORDER BY published DESC, method, paper
LIMIT $limit
""",
    "methods that beat a baseline, with the paper, setting, numbers and evidence",
    {
        "baseline": Param(required=True, derive="method", help="baseline method (name or alias)"),
        "category": Param(help="category of the winning method, e.g. quantization"),
        "bits": Param("float", help="bit width of the comparison"),
        "dataset": Param(derive="fold", help="dataset of the comparison"),
        "model": Param(derive="fold", help="model of the comparison"),
        "kind": Param(help="claim kind of the comparison, e.g. perplexity"),
        "limit": _limit(),
    },
)

BEATEN = NamedQuery(
    "beaten",
    """
MATCH (m:Method {id: $method_id})-[o:OUTPERFORMS]->(b:Method)
WHERE ($bits IS NULL OR o.bits = $bits)
RETURN m.name AS method, b.name AS baseline, b.id AS baseline_id, o.paper AS paper,
       o.title AS title, o.published AS published, o.bits AS bits, o.dataset AS dataset,
       o.model AS model, o.kind AS kind, o.value AS value, o.unit AS unit,
       o.evidence AS evidence
ORDER BY published DESC, baseline
LIMIT $limit
""",
    "baselines a method beats",
    {"method": Param(required=True, derive="method", help="method (name or alias)"),
     "bits": Param("float", help="bit width"), "limit": _limit()},
)

_CLAIMS_ORDER = """
ORDER BY CASE WHEN $sort = 'value' AND $desc THEN c.value END DESC,
         CASE WHEN $sort = 'value' AND NOT $desc THEN c.value END,
         CASE WHEN $sort = 'published' AND $desc THEN c.published END DESC,
         CASE WHEN $sort = 'published' AND NOT $desc THEN c.published END,
         claim
LIMIT $limit
"""
# Where the claims query starts. With no filter naming a node it scans every claim; a
# paper, method, baseline, model or dataset filter starts instead from that node (an id
# index lookup) and walks its edges: the same rows (a claim's `method_id` is the id of
# the Method its ABOUT edge reaches, and so on), without touching the other claims.
# The first given filter of this list wins; the WHERE clause still applies them all.
CLAIM_ANCHORS: tuple[tuple[str, str], ...] = (
    ("paper", "MATCH (p:Paper {id: $paper})-[:MAKES]->(c:Claim)"),
    ("method_id", "MATCH (:Method {id: $method_id})<-[:ABOUT]-(c:Claim)<-[:MAKES]-(p:Paper)"),
    ("baseline_id", "MATCH (:Method {id: $baseline_id})<-[:AGAINST]-(c:Claim)<-[:MAKES]-(p:Paper)"),
    ("model_id", "MATCH (:Model {id: $model_id})<-[:ON_MODEL]-(c:Claim)<-[:MAKES]-(p:Paper)"),
    ("dataset_id", "MATCH (:Dataset {id: $dataset_id})<-[:ON_DATASET]-(c:Claim)<-[:MAKES]-(p:Paper)"),
)
CLAIMS = NamedQuery(
    "claims",
    "MATCH (p:Paper)-[:MAKES]->(c:Claim)" + _CLAIM_WHERE + _CLAIM_RETURN + _CLAIMS_ORDER,
    "claims with filters, sorted by value or date",
    {**_CLAIM_FILTERS,
     "sort": Param(default="published", choices=("published", "value"), help="sort key"),
     "desc": Param("bool", True, help="largest / newest first"),
     "limit": _limit()},
    anchors={key: match + _CLAIM_WHERE + _CLAIM_RETURN + _CLAIMS_ORDER for key, match in CLAIM_ANCHORS},
)

METHOD = NamedQuery(
    "method",
    """
MATCH (m:Method {id: $method_id})
OPTIONAL MATCH (p:Paper)-[r:PROPOSES|MENTIONS]->(m)
WITH m, count(DISTINCT p) AS papers,
     collect(DISTINCT CASE WHEN type(r) = 'PROPOSES' THEN p.id END) AS proposed_by
OPTIONAL MATCH (m)-[:OUTPERFORMS]->(w:Method)
WITH m, papers, proposed_by, count(DISTINCT w) AS beats
OPTIONAL MATCH (l:Method)-[:OUTPERFORMS]->(m)
WITH m, papers, proposed_by, beats, count(DISTINCT l) AS beaten_by
OPTIONAL MATCH (c:Claim)-[:ABOUT]->(m)
RETURN m.id AS id, m.name AS name, m.aliases AS aliases, m.category AS category,
       papers, proposed_by, beats, beaten_by, count(c) AS claims
""",
    "profile of one method: aliases, category, papers, claims, beats / beaten by counts",
    {"method": Param(required=True, derive="method", help="method (name or alias)")},
    shape="object",
)

METHOD_EDGES = NamedQuery(
    "method_edges",
    """
MATCH (m:Method {id: $method_id})-[o:OUTPERFORMS]->(x:Method)
RETURN 'beats' AS relation, m.name AS method, x.name AS other, x.id AS other_id,
       o.paper AS paper, o.bits AS bits, o.dataset AS dataset, o.model AS model,
       o.kind AS kind, o.value AS value, o.unit AS unit, o.evidence AS evidence
LIMIT $limit
UNION ALL
MATCH (m:Method {id: $method_id})<-[o:OUTPERFORMS]-(x:Method)
RETURN 'beaten_by' AS relation, m.name AS method, x.name AS other, x.id AS other_id,
       o.paper AS paper, o.bits AS bits, o.dataset AS dataset, o.model AS model,
       o.kind AS kind, o.value AS value, o.unit AS unit, o.evidence AS evidence
LIMIT $limit
""",
    "who a method beats and who beats it, edge by edge (for the method graph)",
    {"method": Param(required=True, derive="method", help="method (name or alias)"),
     "limit": _limit(200)},
)

METHOD_PAPERS = NamedQuery(
    "method_papers",
    """
MATCH (m:Method {id: $method_id})<-[r:PROPOSES|MENTIONS]-(p:Paper)
RETURN p.id AS paper, p.title AS title, p.published AS published, type(r) AS role
ORDER BY role DESC, published DESC, paper
LIMIT $limit
""",
    "papers that propose or use a method",
    {"method": Param(required=True, derive="method", help="method (name or alias)"),
     "limit": _limit()},
)

# (`WITH p WHERE ...`: a WHERE on p right after the MATCH makes FalkorDB start from a scan
# of every Paper instead of the method's index entry.)
METHOD_TIMELINE = NamedQuery(
    "method_timeline",
    """
MATCH (m:Method {id: $method_id})<-[:PROPOSES|MENTIONS]-(p:Paper)
WITH p
WHERE p.published IS NOT NULL
RETURN substring(p.published, 0, 7) AS month, count(DISTINCT p) AS papers
ORDER BY month
""",
    "papers per month that propose or use a method",
    {"method": Param(required=True, derive="method", help="method (name or alias)")},
)

METHODS = NamedQuery(
    "methods",
    """
MATCH (m:Method)
WHERE ($category IS NULL OR m.category = $category)
  AND ($q_id = '' OR m.id STARTS WITH $q_id OR toLower(m.name) CONTAINS $q_lower
       OR any(a IN m.alias_ids WHERE a STARTS WITH $q_id))
OPTIONAL MATCH (p:Paper)-[:PROPOSES|MENTIONS]->(m)
WITH m, count(p) AS papers
RETURN m.id AS id, m.name AS name, m.aliases AS aliases, m.category AS category, papers
ORDER BY papers DESC, name
LIMIT $limit
""",
    "method names for autocomplete: prefix of the name or of any alias",
    {"q": Param(default="", derive="fold", help="what the user typed"),
     "category": Param(help="only this category"), "limit": _limit(20)},
)

_PAPERS_FILTER_RETURN = """
WHERE ($category IS NULL OR $category IN p.topics)
  AND ($arxiv_category IS NULL OR $arxiv_category IN p.categories)
  AND ($since IS NULL OR p.published >= $since)
  AND ($until IS NULL OR p.published <= $until + '~')
RETURN p.id AS paper, p.title AS title, p.published AS published, p.topics AS topics,
       p.categories AS categories, p.url AS url
ORDER BY published DESC, paper
LIMIT $limit
"""
# `papers` with q=... on the embedded store: its word index (graph/paper_texts.py) gives
# the matching ids, newest first, a chunk at a time; the graph applies the other filters.
PAPERS_AMONG = "UNWIND $ids AS id\nMATCH (p:Paper {id: id})" + _PAPERS_FILTER_RETURN

PAPERS = NamedQuery(
    "papers",
    "MATCH (p:Paper)" + _PAPERS_FILTER_RETURN,
    "papers by words in the title or abstract, efficiency category, arXiv category and date",
    {"q": Param(help="words in the title or abstract (all of them; a last word of 3+ letters "
                     "also matches as a prefix)"),
     "category": Param(help="efficiency category, e.g. pruning"),
     "arxiv_category": Param(help="arXiv category, e.g. cs.LG"),
     "since": Param(help="published on or after"), "until": Param(help="published on or before"),
     "limit": _limit()},
    search={
        "falkordb": "CALL db.idx.fulltext.queryNodes('Paper', $search) YIELD node AS p"
                    + _PAPERS_FILTER_RETURN,
        "neo4j": "CALL db.index.fulltext.queryNodes('paper_text', $search) YIELD node AS p"
                 + _PAPERS_FILTER_RETURN,
    },
)

PAPERS_PROPOSING = NamedQuery(
    "papers_proposing",
    """
MATCH (p:Paper)-[:PROPOSES]->(m:Method)
WHERE ($category IS NULL OR m.category = $category)
  AND ($method_id IS NULL OR m.id = $method_id)
  AND ($since IS NULL OR p.published >= $since)
  AND ($until IS NULL OR p.published <= $until + '~')
WITH p, collect(m.name) AS methods
RETURN p.id AS paper, p.title AS title, p.published AS published, methods
ORDER BY published DESC, paper
LIMIT $limit
""",
    "papers proposing methods of a category (or one method), newest first",
    {"category": Param(help="category of the proposed method"),
     "method": Param(derive="method", help="one proposed method"),
     "since": Param(help="published on or after"), "until": Param(help="published on or before"),
     "limit": _limit()},
)

# Authors in the paper's own order come from `p.authors` (a WROTE edge carries no
# position: at 1M papers those 6M properties cost the embedded server ~130 MB); a graph
# written before that orders the WROTE edges by their `position`.
PAPER = NamedQuery(
    "paper",
    """
MATCH (p:Paper {id: $id})
OPTIONAL MATCH (a:Author)-[w:WROTE]->(p)
WITH p, a, w ORDER BY w.position
WITH p, collect(a.name) AS linked
RETURN p.id AS id, p.version AS version, p.title AS title, p.abstract AS abstract,
       p.published AS published, p.updated AS updated, p.categories AS categories,
       p.topics AS topics, p.url AS url, p.source AS source, p.is_summary AS is_summary,
       coalesce(p.authors, linked) AS authors
""",
    "one paper by arXiv id, with its authors",
    {"id": Param(required=True, help="arXiv id without version")},
    shape="object",
)

PAPER_ENTITIES = NamedQuery(
    "paper_entities",
    """
MATCH (p:Paper {id: $id})-[r]->(n)
WHERE type(r) <> 'MAKES'
RETURN type(r) AS relation, labels(n)[0] AS label, n.id AS id, n.name AS name,
       n.aliases AS aliases
ORDER BY relation, name
""",
    "the methods, datasets, models, metrics and categories a paper links to",
    {"id": Param(required=True, help="arXiv id without version")},
)

PAPER_CLAIMS = NamedQuery(
    "paper_claims",
    "MATCH (p:Paper {id: $id})-[:MAKES]->(c:Claim)" + _CLAIM_RETURN + "ORDER BY start, claim",
    "a paper's claims in text order (offsets index title + newline + abstract)",
    {"id": Param(required=True, help="arXiv id without version")},
)

CLAIMS_PER_MONTH = NamedQuery(
    "claims_per_month",
    """
MATCH (c:Claim)
WHERE c.published IS NOT NULL
  AND ($kind IS NULL OR c.kind = $kind)
  AND ($category IS NULL OR c.category = $category)
RETURN substring(c.published, 0, 7) AS month, count(c) AS claims,
       count(DISTINCT c.paper) AS papers
ORDER BY month
""",
    "claims and papers per month",
    {"kind": Param(help="claim kind"), "category": Param(help="efficiency category")},
)

VALUES_BY_CATEGORY = NamedQuery(
    "values_by_category",
    """
MATCH (c:Claim)
WHERE c.kind = $kind AND c.category IS NOT NULL AND ($unit IS NULL OR c.unit = $unit)
RETURN c.category AS category, count(c) AS claims, avg(c.value) AS mean,
       percentileCont(c.value, 0.5) AS median, max(c.value) AS max
ORDER BY claims DESC, category
""",
    "reported values of one claim kind per category (default: speedups in x)",
    {"kind": Param(default="speedup", help="claim kind"), "unit": Param(default="x", help="unit")},
)

BITS_VS_VALUE = NamedQuery(
    "bits_vs_value",
    """
MATCH (c:Claim)
WHERE c.bits IS NOT NULL AND c.kind = $kind
RETURN c.method AS method, c.bits AS bits, c.value AS value, c.unit AS unit,
       c.model AS model, c.dataset AS dataset, c.paper AS paper
ORDER BY bits, value
LIMIT $limit
""",
    "claims that state a bit width and a value of one kind (default perplexity)",
    {"kind": Param(default="perplexity", help="claim kind"), "limit": _limit(1000)},
)

DATASETS_USED = NamedQuery(
    "datasets_used",
    """
MATCH (p:Paper)-[:EVALUATES_ON]->(d:Dataset)
WHERE $category IS NULL OR $category IN p.topics
RETURN d.name AS dataset, d.id AS id, count(DISTINCT p) AS papers
ORDER BY papers DESC, dataset
LIMIT $limit
""",
    "datasets papers evaluate on, optionally within one efficiency category",
    {"category": Param(help="efficiency category, e.g. kv-cache"), "limit": _limit(50)},
)

MODELS_USED = NamedQuery(
    "models_used",
    """
MATCH (p:Paper)-[:USES_MODEL]->(d:Model)
WHERE $category IS NULL OR $category IN p.topics
RETURN d.name AS model, d.id AS id, count(DISTINCT p) AS papers
ORDER BY papers DESC, model
LIMIT $limit
""",
    "models papers use, optionally within one efficiency category",
    {"category": Param(help="efficiency category"), "limit": _limit(50)},
)

MOST_BEATEN = NamedQuery(
    "most_beaten",
    """
MATCH (a:Method)-[o:OUTPERFORMS]->(b:Method)
WHERE $category IS NULL OR b.category = $category
RETURN b.name AS baseline, b.id AS id, count(DISTINCT a) AS beaten_by,
       count(DISTINCT o.paper) AS papers
ORDER BY beaten_by DESC, papers DESC, baseline
LIMIT $limit
""",
    "baselines beaten by the most distinct methods",
    {"category": Param(help="category of the baseline"), "limit": _limit(20)},
)

CATEGORIES = NamedQuery(
    "categories",
    """
MATCH (c:Category)
OPTIONAL MATCH (m:Method)-[:IN_CATEGORY]->(c)
WITH c, count(m) AS methods
OPTIONAL MATCH (p:Paper)-[:IN_CATEGORY]->(c)
RETURN c.id AS category, methods, count(p) AS papers
ORDER BY papers DESC, category
""",
    "efficiency categories with their method and paper counts",
)

OUTPERFORMS_EDGES = NamedQuery(
    "outperforms_edges",
    """
MATCH (a:Method)-[o:OUTPERFORMS]->(b:Method)
WHERE ($category IS NULL OR a.category = $category OR b.category = $category)
RETURN a.id AS source, a.name AS source_name, a.category AS source_category,
       b.id AS target, b.name AS target_name, b.category AS target_category,
       o.paper AS paper, o.bits AS bits, o.dataset AS dataset, o.model AS model,
       o.kind AS kind, o.value AS value, o.unit AS unit, o.evidence AS evidence
ORDER BY source, target, paper
LIMIT $limit
""",
    "every outperforms edge (the input of the networkx analytics)",
    {"category": Param(help="either end in this category"), "limit": _limit(1_000_000)},
)

RUNS_QUERY = NamedQuery(
    "runs",
    RUNS,
    "recent ingest runs, newest first",
    {"query": Param(help="only runs of this query"), "limit": _limit(20)},
)

PAPER_COUNT = NamedQuery(
    "paper_count",
    "MATCH (p:Paper) RETURN count(p) AS papers",
    "number of papers (a cheap emptiness check)",
    shape="object",
)

STATS_QUERY = NamedQuery("stats", STATS, "count per node label and relationship type", shape="object")

# Neighbourhood of a node, one statement per (label, depth): the label and the depth
# must be literal text, so both come from closed sets and pick a pre-built statement.
NEIGHBOURHOOD_DEPTHS = (1, 2, 3)
_NEIGHBOURHOOD = """
{anchor}
MATCH path = (n)-[*1..{depth}]-(x)
WHERE $types IS NULL OR all(r IN relationships(path) WHERE type(r) IN $types)
WITH path LIMIT $limit
UNWIND relationships(path) AS r
WITH DISTINCT r
WITH startNode(r) AS a, r, endNode(r) AS b
RETURN labels(a)[0] AS source_label, a.id AS source,
       coalesce(a.name, a.title, a.kind, a.id) AS source_name,
       type(r) AS type,
       labels(b)[0] AS target_label, b.id AS target,
       coalesce(b.name, b.title, b.kind, b.id) AS target_name
"""
NEIGHBOURHOOD = NamedQuery(
    "neighbourhood",
    "",  # chosen from `variants`
    "edges around a node to depth N (1-3), optionally only some relationship types",
    {"label": Param(default="Method", choices=tuple(l for l in NODE_LABELS if l != "IngestRun"),
                    help="the node's label"),
     "id": Param(required=True, help="the node's id or name (names are folded)"),
     "depth": Param("int", 1, choices=NEIGHBOURHOOD_DEPTHS, help="path length, 1-3"),
     "types": Param("list", help="relationship types to follow (comma-separated)"),
     "limit": _limit(200)},
    variants={
        (label, depth): _NEIGHBOURHOOD.format(anchor=_match_node("n", label, "$node_id"), depth=depth)
        for label in NODE_LABELS if label != "IngestRun" for depth in NEIGHBOURHOOD_DEPTHS
    },
)

NAMED_QUERIES: dict[str, NamedQuery] = {
    q.name: q
    for q in (
        BEATS, BEATEN, CLAIMS, METHOD, METHOD_EDGES, METHOD_PAPERS, METHOD_TIMELINE, METHODS,
        PAPERS, PAPERS_PROPOSING, PAPER, PAPER_ENTITIES, PAPER_CLAIMS, CLAIMS_PER_MONTH,
        VALUES_BY_CATEGORY, BITS_VS_VALUE, DATASETS_USED, MODELS_USED, MOST_BEATEN,
        CATEGORIES, OUTPERFORMS_EDGES, NEIGHBOURHOOD, RUNS_QUERY, PAPER_COUNT, STATS_QUERY,
    )
}

# ---------------------------------------------------------------------------------------
# Explorer (issue 5): queries only the Streamlit pages need (owned by the explorer helper).
# ---------------------------------------------------------------------------------------
# Node counts alone: label counts are constant time on FalkorDB, whereas counting one
# relationship type scans it (0.2-1.4 s each at 100k papers), so the Status page shows
# these at once and counts relationships (`stats`) only when asked.
NODE_COUNTS = NamedQuery(
    "node_counts",
    "\nUNION ALL\n".join(
        f"MATCH (n:{label}) RETURN '{label}' AS name, count(n) AS total" for label in NODE_LABELS
    ),
    "count per node label (cheap; `stats` adds the relationship types)",
)
NAMED_QUERIES[NODE_COUNTS.name] = NODE_COUNTS
