// name: ultimate-owners
// description: The owners at the top of an entity's ownership and control chains, with their summed effective share.
// notes: |
//   The same paths and shares as ownership-chain (read its notes), kept only for ultimate owners: owners
//   with no owner above them on any path found. share_min/share_max: summed over the owner's simple paths
//   (smallest first, as in ownership-chain), capped at 1. An owner whose share is not known (control, or
//   ownership without a share) has share_min 0 and so is kept at any threshold when share_max reaches it; the
//   control column says when a path is control rather than equity. paths: how many paths lead from the owner
//   to the entity.
//   Rows: the largest share_max first, then the largest share_min, the owner's name and its id.
//   --as-of and --min-status keep a path only if every step on it passes.
//   Needs APOC core (apoc.path.expandConfig walks simple paths only).
// parameters:
//   entity: {type: string, required: true, example: cainiao, description: Id of the owned entity}
//   min_share: {type: number, default: 0, min: 0, max: 1, example: 0.25, description: Keep owners whose share_max is at least this}
MATCH (target:Entity {id: $entity})
// Up from the target over simple paths only (NODE_PATH: no entity twice), each step in its own direction.
CALL apoc.path.expandConfig(target, {relationshipFilter: '<OWNS|<CONTROLS|<OPERATES|SUBSIDIARY_OF>',
                                     uniqueness: 'NODE_PATH', minLevel: 1, maxLevel: 8}) YIELD path AS p
WITH last(nodes(p)) AS owner, p
WHERE owner:Entity AND all(r IN relationships(p) WHERE /*kg:valid(r)*/true)
// No path is returned, so none is built turned round; the shares are multiplied from the owner down, in the
// order ownership-chain multiplies them (the last bit of a product can depend on it).
WITH owner, p,
     reduce(s = 1.0, r IN reverse(relationships(p)) |
            s * CASE type(r) WHEN 'OWNS' THEN coalesce(r.share, r.share_min, 0.0) ELSE 0.0 END) AS path_min,
     reduce(s = 1.0, r IN reverse(relationships(p)) |
            s * CASE type(r) WHEN 'OWNS' THEN coalesce(r.share, r.share_max, 1.0) ELSE 1.0 END) AS path_max
WITH collect({owner: owner, path: p, min: path_min, max: path_max}) AS found
// Below an owner: every entity but the last on a path walked up.
WITH found, reduce(below = [], x IN found | below + nodes(x.path)[..-1]) AS below
UNWIND found AS x
WITH x WHERE NOT x.owner IN below
WITH x.owner AS owner,
     apoc.coll.sort(collect(x.min)) AS mins,
     apoc.coll.sort(collect(x.max)) AS maxes,
     count(*) AS paths,
     any(c IN collect(any(r IN relationships(x.path) WHERE type(r) IN ['CONTROLS', 'OPERATES'])) WHERE c) AS control
// Smallest first: a total on the edge of rounding rounds the same whichever order the paths come in.
WITH owner, paths, control, reduce(s = 0.0, v IN mins | s + v) AS total_min, reduce(s = 0.0, v IN maxes | s + v) AS total_max
WITH owner, paths, control,
     round(CASE WHEN total_min > 1.0 THEN 1.0 ELSE total_min END, 6) AS share_min,
     round(CASE WHEN total_max > 1.0 THEN 1.0 ELSE total_max END, 6) AS share_max
WHERE share_max >= $min_share
RETURN owner, owner.type AS type, share_min, share_max, control, paths
ORDER BY share_max DESC, share_min DESC, owner.name, owner.id
