"""Name resolution: written names in records → entities, before any RDF is written."""
from __future__ import annotations

import pytest

from stdkg.entities import (Body, CitedPlan, Committee, Labels, Priority, RegistryDepartment, RegistryOrganisation,
                            Standard, WrittenDepartment, WrittenOrganisation)
from stdkg.iris import ID
from stdkg.loaders.registry import load_registries
from stdkg.pipeline import shipped_records
from stdkg.resolve import Resolver, resolve_documents

from tests.test_graph_build import plan_records


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(load_registries())


def test_a_city_department_is_its_citys(resolver):
    sz = resolver.unit("市公安局", resolver.place_named("深圳"))
    qd = resolver.unit("市公安局", resolver.place_named("Qingdao"))
    assert isinstance(sz, RegistryDepartment) and isinstance(qd, RegistryDepartment)
    assert sz.iri != qd.iri
    assert (sz.place.short_name, qd.place.short_name) == ("深圳", "青岛")
    assert sz.place.province.city.name_zh == "广东省" and sz.place.province.province is None


def test_a_unit_no_registry_lists_is_a_written_department_of_the_city_with_a_generated_english_name(resolver):
    xm, qd = resolver.place_named("厦门"), resolver.place_named("青岛")
    unit = resolver.unit("市标准化奇思妙想办公室", xm)
    assert isinstance(unit, WrittenDepartment)
    assert unit.generated and unit.name_en.startswith("Xiamen Municipal") and unit.name_en.endswith("Office")
    assert unit.place == xm and not unit.collective
    assert resolver.unit("市标准化奇思妙想办公室", qd).iri != unit.iri
    assert resolver.unit("市標準化奇思妙想辦公室", xm).iri == unit.iri
    assert str(resolver.unit("市标准化奇思妙想办公室", None).iri).startswith(str(ID) + "department/cn-")
    assert resolver.unit("各区奇思妙想局", xm).collective


def test_a_responsible_enterprise_is_the_registry_organisation(resolver):
    port = resolver.unit("青岛港集团", resolver.place_named("青岛"))
    assert isinstance(port, RegistryOrganisation) and port.organisation.key == "qingdao-port-group"
    assert port.place.short_name == "青岛"
    assert str(port.iri) == str(ID) + "enterprise/qingdao-port-group"


def test_a_registry_committee_is_the_committee_node_of_its_reference(resolver):
    tc = resolver.mention("ISO/TC268", "tc", None, "某规划")
    assert isinstance(tc, RegistryOrganisation) and tc.same == Committee("ISO/TC 268")
    assert tc.iri == Committee("ISO/TC 268").iri


def test_mentions_no_registry_lists(resolver):
    title = "深圳市标准化发展规划"
    assert resolver.mention("ISO/TC 999", "tc", None, title) == Committee("ISO/TC 999")
    assert resolver.mention("GB/T 19001-2016", "standard", None, title) == Standard("GB/T 19001")
    assert resolver.mention("质量发展纲要(2011—2020年)", "standard", None, title) == CitedPlan("质量发展纲要(2011—2020年)")
    assert resolver.mention("深圳市人民政府深圳市标准化发展规划", "standard", None, title) is None
    assert resolver.mention("公共图书馆统一服务规范", "standard", None, title) == \
        WrittenOrganisation("公共图书馆统一服务规范", "standard")
    assert resolver.mention("某某产业联盟", "alliance", None, title).iri == WrittenOrganisation("某某产业联盟", "alliance").iri


def test_secretariats_by_acronym_registry_name_or_as_written(resolver):
    assert resolver.secretariat("AFNOR") == Body("AFNOR")
    written = resolver.secretariat("某某研究院；某某大学")
    assert written == WrittenOrganisation("某某研究院", "platform")


def test_every_name_of_a_document_is_resolved_in_parallel_with_its_records(resolver):
    records = shipped_records()
    resolved = resolve_documents(list(reversed(records)), resolver)
    assert [d.records.doc for d in resolved] == sorted(r.doc for r in records)
    for d in resolved:
        r = d.records
        assert len(d.units) == len(r.responsibilities)
        assert len(d.mentions) == len(r.organisations)
        assert len(d.indicators) == len(r.targets)
        assert d.place is not None, r.doc
        assert all(u.place in (d.place, None) for u in d.units + d.issuers
                   if isinstance(u, (RegistryDepartment, WrittenDepartment)))


def test_written_departments_of_a_synthetic_plan_are_scoped_to_its_city(resolver):
    (d,) = resolve_documents([plan_records("x", "厦门", "市标准化奇思妙想办公室")], resolver)
    (unit,) = d.units
    assert isinstance(unit, WrittenDepartment) and unit.place.short_name == "厦门"
    assert d.title == "厦门市标准化发展规划"


def test_label_arbitration_prefers_registry_then_reference_then_document():
    labels = Labels()
    node = ID["x"]
    labels.propose(node, "市公安局", "zh", Priority.DOCUMENT)
    labels.propose(node, "深圳市公安局", "zh", Priority.REGISTRY)
    labels.propose(node, "公安局", "zh", Priority.REFERENCE)
    labels.propose(node, "深圳市公安局 ", "zh", Priority.DOCUMENT)
    labels.propose(node, None, "en", Priority.REGISTRY)
    assert list(labels.choose()) == [(node, "zh", "深圳市公安局", ["公安局", "市公安局"])]
