// name: ultimate-owners
// description: The owners at the top of an entity's ownership and control chains, with their summed effective share.
// notes: |
//   The same paths and shares as ownership-chain (read its notes), kept only for ultimate owners: owners
//   with no owner above them on any path found. share_min/share_max: summed over the owner's simple paths,
//   capped at 1. An owner whose share is not known (control, or ownership without a share) has share_min 0
//   and so is kept at any threshold when share_max reaches it; the control column says when a path is
//   control rather than equity. paths: how many paths lead from the owner to the entity.
// parameters:
//   entity: {type: string, required: true, example: cainiao, description: Id of the owned entity}
//   min_share: {type: number, default: 0, min: 0, max: 1, example: 0.25, description: Keep owners whose share_max is at least this}
MATCH (target:Entity {id: $entity})
MATCH p = (owner:Entity)((a)-[r:OWNS|CONTROLS|OPERATES|SUBSIDIARY_OF]-(b)
            WHERE CASE type(r) WHEN 'SUBSIDIARY_OF' THEN startNode(r) = b ELSE startNode(r) = a END
              AND /*kg:valid(r)*/true){1,8}(target)
WHERE all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
WITH owner, p,
     reduce(s = 1.0, r IN relationships(p) |
            s * CASE type(r) WHEN 'OWNS' THEN coalesce(r.share, r.share_min, 0.0) ELSE 0.0 END) AS path_min,
     reduce(s = 1.0, r IN relationships(p) |
            s * CASE type(r) WHEN 'OWNS' THEN coalesce(r.share, r.share_max, 1.0) ELSE 1.0 END) AS path_max
WITH collect({owner: owner, path: p, min: path_min, max: path_max}) AS found
WITH found, reduce(below = [], x IN found | below + tail(nodes(x.path))) AS below
UNWIND found AS x
WITH x WHERE NOT x.owner IN below
WITH x.owner AS owner,
     sum(x.min) AS total_min,
     sum(x.max) AS total_max,
     count(*) AS paths,
     any(c IN collect(any(r IN relationships(x.path) WHERE type(r) IN ['CONTROLS', 'OPERATES'])) WHERE c) AS control
WITH owner, paths, control,
     round(CASE WHEN total_min > 1.0 THEN 1.0 ELSE total_min END, 6) AS share_min,
     round(CASE WHEN total_max > 1.0 THEN 1.0 ELSE total_max END, 6) AS share_max
WHERE share_max >= $min_share
RETURN owner, owner.type AS type, share_min, share_max, control, paths
ORDER BY share_max DESC, share_min DESC, owner.name
