// name: ownership-chain
// description: All ownership and control paths into an entity, with the effective share along each path and summed per owner.
// notes: |
//   A step up the chain is OWNS or CONTROLS (owner to owned), OPERATES (operator to site or platform) or
//   SUBSIDIARY_OF (child to parent, followed upwards). One row per path from an owner down to the entity.
//   share_min/share_max: the product of the shares along the path. An exact OWNS share counts as itself, a
//   range (share_min..share_max) carries its bounds, and a step without a share (CONTROLS, OPERATES,
//   SUBSIDIARY_OF, OWNS without one) counts as anything from 0 to 1: such a path has share_min 0.
//   owner_share_min/owner_share_max: the sum over all of that owner's paths, capped at 1. Only simple paths
//   count (no entity twice on a path), so a cross-holding cycle cannot inflate a share. Totals add the smallest
//   shares first, so that one on the edge of rounding does not round up or down with the order paths are found.
//   control: the path passes through CONTROLS or OPERATES (control, not equity).
//   ultimate: no owner above this one on any of the paths found.
//   statuses: the claim status of each step. Paths are at most 8 steps long.
//   Rows: the largest owner_share_max first, then by owner name, path length, the names along the path, the
//   step types and the steps' ids (two positions held in the same body are two steps). --as-of and --min-status keep a path only if every step on it passes.
//   Needs APOC core (apoc.path.expandConfig walks simple paths only; apoc.path.create turns each path round).
// parameters:
//   entity: {type: string, required: true, example: cainiao, description: Id of the owned entity}
MATCH (target:Entity {id: $entity})
// Up from the target over simple paths only (NODE_PATH: no entity twice), each step in its own direction.
CALL apoc.path.expandConfig(target, {relationshipFilter: '<OWNS|<CONTROLS|<OPERATES|SUBSIDIARY_OF>',
                                     uniqueness: 'NODE_PATH', minLevel: 1, maxLevel: 8}) YIELD path AS up
WITH last(nodes(up)) AS owner, relationships(up) AS steps
WHERE owner:Entity AND all(r IN steps WHERE /*kg:valid(r)*/true)
// The same path read from the owner down to the target.
WITH owner, apoc.path.create(owner, reverse(steps)) AS p
WITH owner, p,
     reduce(s = 1.0, r IN relationships(p) |
            s * CASE type(r) WHEN 'OWNS' THEN coalesce(r.share, r.share_min, 0.0) ELSE 0.0 END) AS path_min,
     reduce(s = 1.0, r IN relationships(p) |
            s * CASE type(r) WHEN 'OWNS' THEN coalesce(r.share, r.share_max, 1.0) ELSE 1.0 END) AS path_max
WITH collect({owner: owner, path: p, min: path_min, max: path_max}) AS found
WITH found, reduce(below = [], x IN found | below + tail(nodes(x.path))) AS below
UNWIND found AS x
WITH x.owner AS owner, NOT x.owner IN below AS ultimate, collect(x) AS paths
WITH owner, ultimate, paths,
     // Smallest first: a total on the edge of rounding rounds the same whichever order the paths come in.
     reduce(s = 0.0, v IN apoc.coll.sort([x IN paths | x.min]) | s + v) AS total_min,
     reduce(s = 0.0, v IN apoc.coll.sort([x IN paths | x.max]) | s + v) AS total_max
UNWIND paths AS x
RETURN owner,
       x.path AS path,
       round(x.min, 6) AS share_min,
       round(x.max, 6) AS share_max,
       round(CASE WHEN total_min > 1.0 THEN 1.0 ELSE total_min END, 6) AS owner_share_min,
       round(CASE WHEN total_max > 1.0 THEN 1.0 ELSE total_max END, 6) AS owner_share_max,
       any(r IN relationships(x.path) WHERE type(r) IN ['CONTROLS', 'OPERATES']) AS control,
       ultimate,
       [r IN relationships(x.path) | r.status] AS statuses
ORDER BY owner_share_max DESC, owner.name, length(path), [n IN nodes(path) | n.name], [r IN relationships(path) | type(r)],
         [r IN relationships(path) | r.key]
