// name: holdings
// description: Everything an entity owns or controls, directly and indirectly, with the effective share along each path.
// notes: |
//   A step down is OWNS or CONTROLS (owner to owned), OPERATES (operator to site or platform) or
//   SUBSIDIARY_OF (from parent down to child). One row per simple path (no entity twice), at most 8 steps.
//   share_min/share_max: the product of the shares along the path, as in ownership-chain (a step without a
//   share counts as 0 to 1). held_share_min/held_share_max: summed over all paths to that holding, capped at 1.
//   direct: the holding is one step away on some path.
// parameters:
//   entity: {type: string, required: true, example: alibaba-group, description: Id of the owner}
MATCH (holder:Entity {id: $entity})
MATCH p = (holder)((a)-[r:OWNS|CONTROLS|OPERATES|SUBSIDIARY_OF]-(b)
            WHERE CASE type(r) WHEN 'SUBSIDIARY_OF' THEN startNode(r) = b ELSE startNode(r) = a END
              AND /*kg:valid(r)*/true){1,8}(held:Entity)
WHERE all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
WITH held, p,
     reduce(s = 1.0, r IN relationships(p) |
            s * CASE type(r) WHEN 'OWNS' THEN coalesce(r.share, r.share_min, 0.0) ELSE 0.0 END) AS path_min,
     reduce(s = 1.0, r IN relationships(p) |
            s * CASE type(r) WHEN 'OWNS' THEN coalesce(r.share, r.share_max, 1.0) ELSE 1.0 END) AS path_max
WITH held, collect({path: p, min: path_min, max: path_max}) AS paths
WITH held, paths,
     reduce(s = 0.0, x IN paths | s + x.min) AS total_min,
     reduce(s = 0.0, x IN paths | s + x.max) AS total_max,
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
ORDER BY nearest, held.name, depth, [n IN nodes(path) | n.name]
