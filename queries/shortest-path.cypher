// name: shortest-path
// description: The shortest paths between two entities over any relationship, optionally avoiding hub nodes.
// notes: |
//   Every relationship counts, in either direction; all paths of the shortest length are returned (at
//   most 15 steps). With max_degree, entities with more relationships than that (hubs such as a country
//   everything is located in) are not passed through; the two ends themselves are always allowed.
// parameters:
//   from: {type: string, required: true, example: alibaba-group, description: Id of one entity}
//   to: {type: string, required: true, example: vsse, description: Id of the other entity}
//   max_degree: {type: integer, default: null, min: 1, example: 50, description: Do not pass through entities with more relationships than this}
MATCH (x:Entity {id: $from}), (y:Entity {id: $to})
MATCH p = ALL SHORTEST (x)((a)-[r]-(b)
            WHERE ($max_degree IS NULL OR b = x OR b = y OR NOT b:Entity OR COUNT { (b)--() } <= $max_degree)
              AND /*kg:valid(r)*/true){1,15}(y)
RETURN length(p) AS hops,
       p AS path,
       [r IN relationships(p) | r.status] AS statuses,
       [r IN relationships(p) | r.sources] AS sources
ORDER BY [n IN nodes(p) | n.name], [r IN relationships(p) | type(r)]
