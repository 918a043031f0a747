// name: bound-by-law
// description: The entities a law binds, directly (OBLIGES) and through ownership or control of a bound entity.
// notes: |
//   A law binds what it OBLIGES, and with it everything those entities own or control (OWNS, CONTROLS,
//   OPERATES, SUBSIDIARY_OF followed down to the child), as in holdings. One row per entity bound, with the
//   shortest path from the law; paths counts every simple path found (at most 8 steps after OBLIGES).
// parameters:
//   law: {type: string, required: true, example: national-intelligence-law, description: Id of the law}
MATCH (law:Law {id: $law})-[o:OBLIGES]->(bound:Entity)
WHERE /*kg:valid(o)*/true
MATCH p = (law)-[o]->(bound)((a)-[r:OWNS|CONTROLS|OPERATES|SUBSIDIARY_OF]-(b)
            WHERE CASE type(r) WHEN 'SUBSIDIARY_OF' THEN startNode(r) = b ELSE startNode(r) = a END
              AND /*kg:valid(r)*/true){0,8}(entity:Entity)
WHERE all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
WITH entity, p ORDER BY length(p), [n IN nodes(p) | n.name]
WITH entity, collect(p) AS paths
WITH entity, paths, head(paths) AS shortest
RETURN entity,
       entity.type AS type,
       CASE length(shortest) WHEN 1 THEN 'directly' ELSE 'through ownership or control' END AS how,
       relationships(shortest)[0].obligation AS obligation,
       shortest AS path,
       size(paths) AS paths
ORDER BY length(shortest), entity.name
