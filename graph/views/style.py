"""How node types and roles look in the HTML views: colour, shape, legend order, font stack."""
from __future__ import annotations

from dataclasses import dataclass

FONT_STACK = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'


@dataclass(frozen=True)
class NodeStyle:
    colour: str
    shape: str
    caption: str


NODE_STYLES: dict[str, NodeStyle] = {
    "City": NodeStyle("#d62728", "star", "City"),
    "Province": NodeStyle("#8c564b", "star", "Province"),
    "Plan": NodeStyle("#7f7f7f", "square", "Plan (policy document)"),
    "Section": NodeStyle("#c7c7c7", "dot", "Section"),
    "Department": NodeStyle("#1f77b4", "diamond", "Department"),
    "Measure": NodeStyle("#aec7e8", "dot", "Measure"),
    "Target": NodeStyle("#2ca02c", "triangle", "Target"),
    "Indicator": NodeStyle("#98df8a", "triangleDown", "Indicator"),
    "TechnicalCommittee": NodeStyle("#9467bd", "hexagon", "Technical committee"),
    "Alliance": NodeStyle("#ff7f0e", "hexagon", "Alliance"),
    "Enterprise": NodeStyle("#ffbb78", "square", "Enterprise"),
    "StandardsBody": NodeStyle("#e377c2", "diamond", "Standards body"),
    "Standard": NodeStyle("#bcbd22", "dot", "Standard"),
    "Platform": NodeStyle("#17becf", "square", "Platform"),
    "Institution": NodeStyle("#8c6d31", "square", "Institution"),
    "IcsCode": NodeStyle("#dbdb8d", "triangleDown", "ICS code"),
}
OTHER_STYLE = NodeStyle("#555555", "dot", "Other")

ROLE_COLOURS: dict[str, str] = {
    "lead": "#d62728",
    "participant": "#1f77b4",
    "shared": "#9467bd",
}
EDGE_COLOUR = "#9a9a9a"
CITY_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22")


def node_style(label: str | None) -> NodeStyle:
    """The style of a node type (class local name); unknown types share one grey style."""
    return NODE_STYLES.get(label or "", OTHER_STYLE)


def edge_colour(role: str | None) -> str:
    """Edges with a role (lead / participant / shared) are coloured by it, others grey."""
    return ROLE_COLOURS.get(role or "", EDGE_COLOUR)
