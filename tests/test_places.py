"""Places: every province and prefecture of the admin-division list is a place a plan can be in,
so plans of two cities the registry does not curate keep their departments apart."""
from __future__ import annotations

import json

import pytest
from rdflib import RDF, Literal
from rdflib.namespace import SKOS

from stdkg.build import build_graph
from stdkg.entities import WrittenDepartment
from stdkg.iris import mint
from stdkg.loaders.registry import load_registries
from stdkg.pipeline import shipped_records
from stdkg.places import Gazetteer, shipped_divisions
from stdkg.records import Plan, PolicyRecords, records_from_dict, records_to_dict
from stdkg.resolve import Resolver
from stdkg.validate import validate
from stdkg.vocab import STDKG

REGISTRIES = load_registries()


@pytest.fixture(scope="module")
def places() -> Gazetteer:
    return Gazetteer(REGISTRIES, shipped_divisions())


def test_registry_cities_come_first_then_divisions_by_full_or_short_name_or_code(places):
    assert places.named("深圳") == REGISTRIES.city("深圳")
    tangshan = places.named("唐山")
    assert (tangshan.code, tangshan.name_zh, tangshan.name_en, tangshan.province_code) == ("130200", "唐山市", "Tangshan", "130000")
    assert places.named("唐山市") == places.named("130200") == tangshan
    hebei = places.city("130000")
    assert (hebei.name_zh, hebei.name_en, hebei.level, hebei.province_code) == ("河北省", "Hebei Province", "province", None)
    assert places.named("吉林").level == "prefecture"
    assert places.named("吉林省").level == "province"
    assert places.named("市辖区") is None and places.named("火星") is None


def test_a_division_named_in_a_title_or_issuer_prefecture_first(places):
    assert places.in_text("河北省唐山市人民政府").code == "130200"
    assert places.in_text("河北省市场监督管理局").code == "130000"
    assert places.in_text("国务院办公厅") is None


def test_a_document_number_places_only_when_one_place_begins_so(places):
    assert places.by_doc_number("佛府〔2024〕11号").code == "440600"
    assert places.by_doc_number("深府函〔2015〕1号").code == "440300"
    assert places.by_doc_number("济政发〔2021〕30号") is None
    assert places.by_doc_number(None) is None


def plan_of(issuer, doc_number=None, city=None, title="标准化发展规划") -> PolicyRecords:
    r = PolicyRecords(doc="p", source="p.txt", city=city, text=title)
    r.plan = Plan(doc="p", title=title, city=city, issuer=issuer, doc_number=doc_number)
    return r


def test_the_resolver_places_a_plan_by_its_city_issuer_title_or_document_number():
    resolver = Resolver(REGISTRIES)
    where = lambda r: (p.city.code if (p := resolver.plan_place(r)) else None)
    assert where(plan_of(None, city="张家口")) == "130700"
    assert where(plan_of("张家口市人民政府")) == "130700"
    assert where(plan_of(None, title="唐山市标准化发展规划")) == "130200"
    assert where(plan_of("市人民政府", "佛府〔2024〕11号")) == "440600"
    assert where(plan_of("中共中央办公厅", "中办发〔2020〕1号")) is None
    assert where(plan_of("国务院")) is None
    assert resolver.plan_place(plan_of("唐山市人民政府")).province.city.name_zh == "河北省"


def test_shipped_plans_stay_in_their_registry_cities():
    resolver = Resolver(REGISTRIES)
    for r in shipped_records():
        assert resolver.plan_place(r).city == REGISTRIES.city(r.city), r.doc


def retargeted(city: str) -> PolicyRecords:
    """The shipped Qingdao plan rewritten as a plan of `city` (a city the registry does not curate)."""
    (r,) = [r for r in shipped_records() if r.city == "青岛" and r.responsibilities]
    text = json.dumps(records_to_dict(r), ensure_ascii=False)
    return records_from_dict(json.loads(text.replace("青岛", city).replace(r.doc, f"{r.doc}-{city}")))


def test_plans_of_two_uncurated_cities_keep_their_departments_apart():
    tangshan, zhangjiakou = retargeted("唐山"), retargeted("张家口")
    assert REGISTRIES.city("唐山") is None and REGISTRIES.city("张家口") is None
    g = build_graph([tangshan, zhangjiakou], REGISTRIES)
    cities = {r.doc: mint("city", code=code) for r, code in ((tangshan, "130200"), (zhangjiakou, "130700"))}
    units = {}
    for doc, city in cities.items():
        plan = mint("plan", doc=doc)
        assert g.value(plan, STDKG.appliesTo) == city
        assert g.value(city, STDKG.inProvince) == mint("province", code="130000")
        units[doc] = {str(g.value(x, STDKG.asWritten)): g.value(x, STDKG.department)
                      for x in g.subjects(RDF.type, STDKG.Responsibility)
                      if g.value(g.value(x, STDKG.measure), STDKG.inPlan) == plan}
    ts, zj = units[tangshan.doc], units[zhangjiakou.doc]
    common = ts.keys() & zj.keys()
    assert len(common) > 20 and len(ts) == len(zj)
    local = [name for name in common if name.startswith("市")]
    assert len(local) > 10
    for name in local:
        assert ts[name] != zj[name], name
        assert g.value(ts[name], STDKG.locatedIn) == cities[tangshan.doc]
        assert g.value(zj[name], STDKG.locatedIn) == cities[zhangjiakou.doc]
        english = [str(l) for l in g.objects(ts[name], SKOS.prefLabel) if l.language == "en"]
        assert english and english[0].startswith("Tangshan Municipal"), (name, english)
    assert (mint("province", code="130000"), SKOS.prefLabel, Literal("河北省", lang="zh")) in g
    assert validate(g).conforms


def test_a_province_plan_is_in_its_province_and_validates():
    r = retargeted("唐山")
    r.city = "河北"
    g = build_graph([r], REGISTRIES)
    province = mint("province", code="130000")
    assert g.value(mint("plan", doc=r.doc), STDKG.appliesTo) == province
    written = [d for d in g.subjects(STDKG.locatedIn, province)]
    assert written and all((d, RDF.type, STDKG.Department) in g for d in written)
    report = validate(g)
    assert report.conforms, report.text


def test_written_departments_of_an_uncurated_city_resolve_there():
    resolver = Resolver(REGISTRIES)
    unit = resolver.unit("市公安局", resolver.place_named("唐山"))
    assert isinstance(unit, WrittenDepartment) and unit.place.city.code == "130200"
    assert unit.name_en == "Tangshan Municipal Public Security Bureau"
