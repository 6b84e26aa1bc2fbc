// name: shortest_path
// answers: the shortest paths (up to 4 steps, in either direction, over every relationship except the ICS classification) between two named entities, each as its chain of node names and of their English names (the Chinese name where a node has none); every shortest path when there are several
// param source: entity, required — name of one end: Chinese name, or the code of a standard or committee, e.g. 深圳市
// param target: entity, required — name of the other end, e.g. ISO/TC 268
// columns: length:int, path, path_en
// order: length, path
// keep: min length
// search: shortest paths, at most 4 steps
// example: source=深圳市; target=ISO/TC 268
MATCH (a) WHERE a.name = $source
MATCH (b) WHERE b.name = $target AND a <> b
MATCH p = allShortestPaths((a)-[:IN_PROVINCE|LOCATED_IN|APPLIES_TO|ISSUED_BY|CITES|IN_PLAN|PART_OF|IN_SECTION|HAS_INDICATOR|DEVELOPS|HAS_SECRETARIAT|SUBCOMMITTEE_OF|HAS_MEMBER|MENTIONED_IN|RESPONSIBLE_FOR|OWNS|MEMBER_OF*..4]-(b))
RETURN DISTINCT length(p) AS length,
       reduce(s = '', i IN range(0, size(nodes(p)) - 1) |
              s + CASE WHEN i = 0 THEN '' ELSE ' → ' END + nodes(p)[i].name) AS path,
       reduce(s = '', i IN range(0, size(nodes(p)) - 1) |
              s + CASE WHEN i = 0 THEN '' ELSE ' → ' END + coalesce(nodes(p)[i].display_en, nodes(p)[i].name)) AS path_en
