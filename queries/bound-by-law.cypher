// name: bound-by-law
// description: The entities a law binds, directly (OBLIGES) and through ownership or control of a bound entity.
// notes: |
//   A law binds what it OBLIGES, and with it everything those entities own or control (OWNS, CONTROLS,
//   OPERATES, SUBSIDIARY_OF followed down to the child), as in holdings. One row per entity bound, with the
//   shortest path from the law; paths counts every simple path found (at most 8 steps after OBLIGES).
//   Of paths as short, the one shown is the first by the names along it, the step types and the steps' ids
//   (two obligations on the same entity are two steps). Rows: the shortest paths first, then by the entity's
//   name and the same order of its path. --as-of and --min-status keep a path only if every step on it passes.
//   Needs APOC core (apoc.path.expandConfig walks simple paths only).
// parameters:
//   law: {type: string, required: true, example: national-intelligence-law, description: Id of the law}
MATCH (law:Law {id: $law})
// From the law over simple paths only (NODE_PATH: neither the law nor an entity twice), each step in its own
// direction: OBLIGES first, then ownership and control down.
CALL apoc.path.expandConfig(law, {relationshipFilter: 'OBLIGES>|OWNS>|CONTROLS>|OPERATES>|<SUBSIDIARY_OF',
                                  uniqueness: 'NODE_PATH', minLevel: 1, maxLevel: 9}) YIELD path AS p
WITH p, relationships(p) AS steps, last(nodes(p)) AS entity
// The expander takes any of the types at any step: OBLIGES must be the first and only the first.
WHERE type(steps[0]) = 'OBLIGES' AND none(r IN tail(steps) WHERE type(r) = 'OBLIGES')
  AND nodes(p)[1]:Entity AND entity:Entity AND all(r IN steps WHERE /*kg:valid(r)*/true)
WITH entity, p ORDER BY length(p), [n IN nodes(p) | n.name], [r IN relationships(p) | type(r)],
                        [r IN relationships(p) | r.key]
WITH entity, collect(p) AS paths
WITH entity, paths, head(paths) AS shortest
RETURN entity,
       entity.type AS type,
       CASE length(shortest) WHEN 1 THEN 'directly' ELSE 'through ownership or control' END AS how,
       relationships(shortest)[0].obligation AS obligation,
       shortest AS path,
       size(paths) AS paths
ORDER BY length(shortest), entity.name, [n IN nodes(path) | n.name], [r IN relationships(path) | type(r)],
         [r IN relationships(path) | r.key]
