"""Which nodes of the property graph a view shows: cities of nodes, a city, a department, ownership."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

import networkx as nx

from stdkg.errors import EXIT_USAGE, StdkgError

ORGANISATION_LABELS = ("Alliance", "TechnicalCommittee", "StandardsBody", "Enterprise", "Platform", "Institution")
OWNERSHIP_LABELS = ("Department", "Measure", "Target", "Indicator")
OWNERSHIP_TYPES = ("RESPONSIBLE_FOR", "OWNS")
HUB_LABELS = ("City", "Province", "Plan", "Section")
DOCUMENT_INTERNAL = ("Measure", "Target", "Indicator", "Section", "Plan")
FANOUT_LIMIT = 40


class UnknownName(StdkgError, KeyError):
    """A city, department, indicator or entity name that names nothing (or too much) in the graph."""

    exit_code = EXIT_USAGE

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def short_city(name: str | None) -> str | None:
    """The short form of a city name as the projection's `city` attribute writes it (深圳市 → 深圳)."""
    if not name:
        return None
    name = str(name).strip()
    for suffix in ("特别行政区", "自治州", "地区", "市"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def node_cities(pg: nx.MultiDiGraph) -> dict[str, frozenset[str]]:
    """The cities each node belongs to.

    A node's own `city` attribute wins; a City node is its own city; otherwise a
    node takes the cities of the City nodes it links to and of the documents
    whose evidence mentions it; document-internal nodes (measures, targets,
    sections) finally take the cities of their neighbours.
    """
    cities: dict[str, set[str]] = {n: set() for n in pg.nodes}
    for n, d in pg.nodes(data=True):
        if d.get("label") == "City":
            c = short_city(d.get("short_name") or d.get("city") or d.get("name"))
            if c:
                cities[n].add(c)
        elif d.get("city"):
            cities[n].add(str(d["city"]))
    for u, v, d in pg.edges(data=True):
        if pg.nodes[v].get("label") == "City" and not cities[u]:
            cities[u] |= cities[v]
        if pg.nodes[u].get("label") == "City" and not cities[v] and pg.nodes[v].get("label") != "Province":
            cities[v] |= cities[u]
    doc_city: dict[str, set[str]] = {}
    for n, d in pg.nodes(data=True):
        if d.get("label") == "Plan" and cities[n]:
            for key in ("doc", "identifier", "doc_id"):
                if d.get(key):
                    doc_city.setdefault(str(d[key]), set()).update(cities[n])
    for n, d in pg.nodes(data=True):
        if not cities[n] and d.get("doc") in doc_city:
            cities[n] |= doc_city[d["doc"]]
    for u, v, d in pg.edges(data=True):
        if d.get("doc") in doc_city and not cities[u]:
            cities[u] |= doc_city[d["doc"]]
    for _ in range(3):
        changed = False
        for n in pg.nodes:
            if cities[n] or pg.nodes[n].get("label") not in DOCUMENT_INTERNAL:
                continue
            found = set()
            for m in _neighbours(pg, n):
                if pg.nodes[m].get("label") not in ("City", "Province"):
                    found |= cities[m]
            if found:
                cities[n] = found
                changed = True
        if not changed:
            break
    return {n: frozenset(c) for n, c in cities.items()}


def _neighbours(pg: nx.MultiDiGraph, n: str) -> Iterable[str]:
    yield from pg.successors(n)
    yield from pg.predecessors(n)


def linked(pg: nx.MultiDiGraph, n: str, limit: int = FANOUT_LIMIT) -> set[str]:
    """Neighbours of `n` in either direction, leaving out any relation type that fans out to more than
    `limit` of them (e.g. a national body's membership of hundreds of ISO committees)."""
    by_type: dict[str, set[str]] = {}
    for _, m, d in pg.out_edges(n, data=True):
        by_type.setdefault(str(d.get("type")), set()).add(m)
    for m, _, d in pg.in_edges(n, data=True):
        by_type.setdefault("~" + str(d.get("type")), set()).add(m)
    return set().union(*(ms for ms in by_type.values() if len(ms) <= limit)) if by_type else set()


def graph_cities(pg: nx.MultiDiGraph, cities: dict[str, frozenset[str]] | None = None) -> list[str]:
    """The cities of the graph: those with a City node first, by how many nodes they hold."""
    cities = cities if cities is not None else node_cities(pg)
    counts = Counter(c for cs in cities.values() for c in cs)
    with_node = {short_city(d.get("short_name") or d.get("city") or d.get("name")) for _, d in pg.nodes(data=True) if d.get("label") == "City"}
    return sorted(counts, key=lambda c: (c not in with_node, -counts[c], c))


def resolve_city(pg: nx.MultiDiGraph, city: str) -> str:
    """A city given as short name, full name, English name or IRI, as its short name."""
    if city in pg and pg.nodes[city].get("label") == "City":
        d = pg.nodes[city]
        return short_city(d.get("short_name") or d.get("city") or d.get("name")) or city
    wanted = city.strip().lower()
    for _, d in pg.nodes(data=True):
        if d.get("label") != "City":
            continue
        names = {str(d.get(k) or "").lower() for k in ("name", "name_en", "city", "short_name")}
        if wanted in names or wanted == (short_city(d.get("name")) or "").lower():
            return short_city(d.get("short_name") or d.get("city") or d.get("name")) or city
    return short_city(city) or city


def city_nodes(pg: nx.MultiDiGraph, city: str, cities: dict[str, frozenset[str]] | None = None) -> set[str]:
    """The nodes of one city and what they link to directly; of its sections only those naming an organisation."""
    cities = cities if cities is not None else node_cities(pg)
    own = {n for n, cs in cities.items() if city in cs
           and (pg.nodes[n].get("label") != "Section" or _mentions_something(pg, n))}
    around = set()
    for n in own:
        for m in linked(pg, n):
            if m not in own and pg.nodes[m].get("label") not in HUB_LABELS:
                around.add(m)
    return own | around


def _mentions_something(pg: nx.MultiDiGraph, section: str) -> bool:
    return any(d.get("type") == "MENTIONED_IN" for _, _, d in pg.in_edges(section, data=True))


def resolve_department(pg: nx.MultiDiGraph, department: str) -> str:
    """A department given as IRI, zh name, English name or alias, as its node id."""
    if department in pg:
        return department
    for n, d in pg.nodes(data=True):
        if d.get("label") != "Department":
            continue
        names = {d.get("name"), d.get("name_en"), d.get("iri")}
        aliases = d.get("aliases") or d.get("altLabel") or ()
        if isinstance(aliases, str):
            aliases = aliases.split(";")
        if department in names or department in aliases:
            return n
    raise UnknownName(f"no department {department!r} in the graph")


def department_nodes(pg: nx.MultiDiGraph, department: str, max_nodes: int = 400) -> set[str]:
    """A department and what it is responsible for, two steps out, not crossing cities, plans or sections."""
    start = resolve_department(pg, department)
    seen = {start}
    frontier = [start]
    for _ in range(2):
        nxt = []
        for n in frontier:
            if n != start and pg.nodes[n].get("label") in HUB_LABELS:
                continue
            for m in sorted(linked(pg, n, limit=max_nodes if n == start else FANOUT_LIMIT)):
                if m not in seen and len(seen) < max_nodes:
                    seen.add(m)
                    nxt.append(m)
        frontier = nxt
    return seen


def ownership_nodes(pg: nx.MultiDiGraph, city: str | None = None,
                    cities: dict[str, frozenset[str]] | None = None) -> set[str]:
    """Departments, measures and targets joined by responsibility or ownership, and indicators of those
    targets; for one city, every target of that city too, owned or not."""
    keep = set()
    for u, v, d in pg.edges(data=True):
        if d.get("type") in OWNERSHIP_TYPES:
            keep.update((u, v))
    if city is not None:
        cities = cities if cities is not None else node_cities(pg)
        keep = {n for n in keep if city in cities[n]
                or (pg.nodes[n].get("label") == "Department" and _touches_city(pg, n, city, cities))}
        keep |= {n for n, d in pg.nodes(data=True) if d.get("label") == "Target" and city in cities[n]}
    indicators = {v for u in keep for _, v, d in pg.out_edges(u, data=True)
                  if d.get("type") == "HAS_INDICATOR" and pg.nodes[v].get("label") == "Indicator"}
    return keep | indicators


def _touches_city(pg: nx.MultiDiGraph, n: str, city: str, cities: dict[str, frozenset[str]]) -> bool:
    return any(city in cities[m] for m in pg.successors(n))





def _plan_of_section(pg: nx.MultiDiGraph, section: str) -> str | None:
    for _, p, d in pg.out_edges(section, data=True):
        if d.get("type") == "IN_PLAN":
            return p
    return None


def mentioning_plans(pg: nx.MultiDiGraph, n: str) -> dict[str, dict]:
    """The plans whose sections mention `n`, each with the evidence of its first mention."""
    out: dict[str, dict] = {}
    for _, section, d in sorted(pg.out_edges(n, data=True), key=lambda e: (str(e[1]), str(e[2].get("start")))):
        if d.get("type") == "MENTIONED_IN" and pg.nodes[section].get("label") == "Section":
            plan = _plan_of_section(pg, section)
            if plan is not None:
                out.setdefault(plan, d)
    return out


def committee_chain(pg: nx.MultiDiGraph, committee: str) -> set[str]:
    """A committee, the committees above it (SUBCOMMITTEE_OF, followed up) and their secretariats."""
    chain, frontier = {committee}, [committee]
    while frontier:
        n = frontier.pop()
        for _, m, d in pg.out_edges(n, data=True):
            if d.get("type") in ("SUBCOMMITTEE_OF", "HAS_SECRETARIAT") and m not in chain:
                chain.add(m)
                if d.get("type") == "SUBCOMMITTEE_OF":
                    frontier.append(m)
    return chain


def organisation_nodes(pg: nx.MultiDiGraph, city: str, cities: dict[str, frozenset[str]] | None = None) -> set[str]:
    """A city, its plans, the organisations its plans mention or that sit in it, the standards its plans
    mention, and the ISO/SAC chain of every committee among them (parent committees, secretariats)."""
    return set(organisation_view(pg, city, cities)[0])


ORGANISATION_COLUMNS = {"City": 0, "Plan": 1, "TechnicalCommittee": 3}
CHAIN_COLUMN, ORGANISATION_COLUMN = 4, 2


def organisation_view(pg: nx.MultiDiGraph, city: str, cities: dict[str, frozenset[str]] | None = None
                      ) -> tuple[dict[str, int], list[tuple[str, str, dict]]]:
    """(node → column, extra edges) of a city's organisation view: city (0) → plans (1) → organisations
    and standards the plans mention or that sit in the city (2) → committees (3) → their parent committees
    and secretariats (4). The extra edges join each organisation to the plans that mention it (from its
    MENTIONED_IN evidence), so nothing mentioned floats unconnected."""
    cities = cities if cities is not None else node_cities(pg)
    city_ids = {n for n, d in pg.nodes(data=True) if d.get("label") == "City" and city in cities[n]}
    plans = {n for n, d in pg.nodes(data=True) if d.get("label") == "Plan" and city in cities[n]}
    applies = {u for c in city_ids for u, _, d in pg.in_edges(c, data=True) if d.get("type") == "APPLIES_TO"}
    column = {n: 0 for n in city_ids}
    extra: list[tuple[str, str, dict]] = []
    committees: set[str] = set()
    used_plans = set(applies)
    sections = {s for p in plans for s, _, d in pg.in_edges(p, data=True)
                if d.get("type") == "IN_PLAN" and pg.nodes[s].get("label") == "Section"}
    candidates = {u for s in sections for u, _, d in pg.in_edges(s, data=True) if d.get("type") == "MENTIONED_IN"}
    candidates |= {u for c in city_ids for u in pg.predecessors(c)}
    for n in [n for n in pg if n in candidates]:
        d = pg.nodes[n]
        label = d.get("label")
        if label not in ORGANISATION_LABELS and label != "Standard":
            continue
        mentioned = {p: e for p, e in mentioning_plans(pg, n).items() if p in plans}
        located = any(m in city_ids for m in pg.successors(n))
        if not (mentioned or located):
            continue
        column[n] = ORGANISATION_COLUMNS.get(label, ORGANISATION_COLUMN)
        used_plans |= set(mentioned)
        for plan, e in mentioned.items():
            extra.append((n, plan, {**e, "type": "MENTIONED_IN", "via": "section"}))
        if label == "TechnicalCommittee":
            committees.add(n)
        elif label == "Standard":
            for u, _, e in pg.in_edges(n, data=True):
                if e.get("type") == "DEVELOPS":
                    committees.add(u)
                    column.setdefault(u, ORGANISATION_COLUMNS["TechnicalCommittee"])
    for p in used_plans:
        column[p] = ORGANISATION_COLUMNS["Plan"]
    for c in sorted(committees):
        for m in committee_chain(pg, c):
            column.setdefault(m, CHAIN_COLUMN)
    return column, extra


def resolve_entity(pg: nx.MultiDiGraph, name: str) -> str:
    """Any node given as id/IRI, name, English name, code or alias (exact, case-insensitive); failing
    that, the one node whose name contains `name`. The most connected wins a tie."""
    if name in pg:
        return name
    wanted = name.strip().casefold()
    exact, partial = [], []
    for n, d in pg.nodes(data=True):
        names = [d.get(k) for k in ("name", "name_en", "identifier", "reference", "short_name", "as_written")]
        names += str(d.get("aliases") or "").split("|")
        names = [str(x).casefold() for x in names if x]
        if wanted in names:
            exact.append(n)
        elif any(wanted in x for x in names):
            partial.append(n)
    found = exact or partial
    if not found:
        raise UnknownName(f"nothing named {name!r} in the graph")
    if not exact and len(partial) > 1:
        best = sorted(partial, key=lambda n: (-pg.degree(n), str(n)))
        if pg.degree(best[0]) == pg.degree(best[1]):
            shown = ", ".join(str(pg.nodes[n].get("name")) for n in best[:5])
            raise UnknownName(f"{name!r} is part of {len(partial)} names ({shown}…): give the full name")
    return sorted(found, key=lambda n: (-pg.degree(n), str(n)))[0]


def neighbourhood_nodes(pg: nx.MultiDiGraph, entity: str, steps: int = 1, max_nodes: int = 400) -> set[str]:
    """A node and what lies one or two steps from it, in either direction, without bulk relations
    (see `linked`) and without passing through cities, plans or sections after the first step."""
    start = resolve_entity(pg, entity)
    seen, frontier = {start}, [start]
    for _ in range(max(1, min(steps, 2))):
        nxt = []
        for n in frontier:
            if n != start and pg.nodes[n].get("label") in HUB_LABELS:
                continue
            for m in sorted(linked(pg, n, limit=max_nodes if n == start else FANOUT_LIMIT)):
                if m not in seen and len(seen) < max_nodes:
                    seen.add(m)
                    nxt.append(m)
        frontier = nxt
    return seen


def department_table(pg: nx.MultiDiGraph, department: str) -> set[str]:
    """A department (the responsible unit), the measures it is responsible for and the targets it owns."""
    start = resolve_department(pg, department)
    keep = {start}
    for _, m, d in pg.out_edges(start, data=True):
        if d.get("type") in OWNERSHIP_TYPES:
            keep.add(m)
    return keep


WHOLE_GRAPH_OMITS = ("MEMBER_OF",)


def whole_graph_nodes(pg: nx.MultiDiGraph) -> tuple[set[str], set[str], int]:
    """(nodes, relation types left out, unlinked nodes left out) of the whole-graph view: every node except
    those linked only by the bulk reference relations `WHOLE_GRAPH_OMITS` (ISO memberships of national
    bodies) and reference entries linked to nothing at all; nodes from the documents always stay."""
    omitted = {d.get("type") for *_, d in pg.edges(data=True) if d.get("type") in WHOLE_GRAPH_OMITS}
    keep, unlinked = set(), 0
    for n in pg.nodes:
        types = {d.get("type") for *_, d in pg.out_edges(n, data=True)} | {d.get("type") for *_, d in pg.in_edges(n, data=True)}
        if types - omitted or pg.nodes[n].get("doc"):
            keep.add(n)
        elif not types:
            unlinked += 1
    return keep, omitted, unlinked
