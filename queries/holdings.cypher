// name: holdings
// description: Everything an entity owns or controls, directly and indirectly, with the effective share along each path.
// notes: |
//   A step down is OWNS or CONTROLS (owner to owned), OPERATES (operator to site or platform) or
//   SUBSIDIARY_OF (from parent down to child). One row per simple path (no entity twice), at most 8 steps.
//   share_min/share_max: the product of the shares along the path, as in ownership-chain (a step without a
//   share counts as 0 to 1). held_share_min/held_share_max: summed over all paths to that holding (smallest
//   first, as in ownership-chain), capped at 1.
//   direct: the holding is one step away on some path.
//   Rows: the nearest holdings first (by their shortest path), then by the holding's name, path length, the
//   names along the path, the step types and the steps' ids (OWNS and CONTROLS between the same two are two
//   steps). --as-of and --min-status keep a path only if every step on it passes.
//   Needs APOC core (apoc.path.expandConfig walks simple paths only).
// parameters:
//   entity: {type: string, required: true, example: alibaba-group, description: Id of the owner}
MATCH (holder:Entity {id: $entity})
// Down from the holder over simple paths only (NODE_PATH: no entity twice), each step in its own direction.
CALL apoc.path.expandConfig(holder, {relationshipFilter: 'OWNS>|CONTROLS>|OPERATES>|<SUBSIDIARY_OF',
                                     uniqueness: 'NODE_PATH', minLevel: 1, maxLevel: 8}) YIELD path AS p
WITH last(nodes(p)) AS held, p
WHERE held:Entity AND all(r IN relationships(p) WHERE /*kg:valid(r)*/true)
WITH held, p,
     reduce(s = 1.0, r IN relationships(p) |
            s * CASE type(r) WHEN 'OWNS' THEN coalesce(r.share, r.share_min, 0.0) ELSE 0.0 END) AS path_min,
     reduce(s = 1.0, r IN relationships(p) |
            s * CASE type(r) WHEN 'OWNS' THEN coalesce(r.share, r.share_max, 1.0) ELSE 1.0 END) AS path_max
WITH held, collect({path: p, min: path_min, max: path_max}) AS paths
WITH held, paths,
     // Smallest first: a total on the edge of rounding rounds the same whichever order the paths come in.
     reduce(s = 0.0, v IN apoc.coll.sort([x IN paths | x.min]) | s + v) AS total_min,
     reduce(s = 0.0, v IN apoc.coll.sort([x IN paths | x.max]) | s + v) AS total_max,
     reduce(d = 99, x IN paths | CASE WHEN length(x.path) < d THEN length(x.path) ELSE d END) AS nearest
UNWIND paths AS x
RETURN held,
       held.type AS type,
       length(x.path) AS depth,
       x.path AS path,
       round(x.min, 6) AS share_min,
       round(x.max, 6) AS share_max,
       round(CASE WHEN total_min > 1.0 THEN 1.0 ELSE total_min END, 6) AS held_share_min,
       round(CASE WHEN total_max > 1.0 THEN 1.0 ELSE total_max END, 6) AS held_share_max,
       nearest = 1 AS direct
ORDER BY nearest, held.name, depth, [n IN nodes(path) | n.name], [r IN relationships(path) | type(r)],
         [r IN relationships(path) | r.key]
