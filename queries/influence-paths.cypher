// name: influence-paths
// description: Paths of influence from a state actor (country, party, agency, official) to a target, shortest first, with each step's status and sources.
// notes: |
//   A step carries influence in one direction:
//     forward (from -> to): ENACTED, OBLIGES, OVERSEES, OWNS, CONTROLS, OPERATES, EMPLOYS, SANCTIONS,
//       HOLDS_POSITION (an official over the body);
//     backward (to -> from): SUBSIDIARY_OF (parent over child), PART_OF (the whole over its part),
//       MEMBER_OF (a party or body over its members), LOCATED_IN (a jurisdiction over what is in it),
//       HOLDS_POSITION (a body over its officials).
//   Up to `paths` shortest paths (each at most 8 steps), no entity twice on a path. statuses and sources
//   list, step by step, the claim status and the cited source ids of each relationship on the path.
// parameters:
//   from: {type: string, required: true, example: china, description: Id of the state actor}
//   to: {type: string, required: true, example: liege-hub, description: Id of the target entity or site}
//   paths: {type: integer, default: 5, min: 1, max: 10, example: 5, description: How many of the shortest paths}
MATCH (actor:Entity {id: $from}), (target:Entity {id: $to})
MATCH p = SHORTEST 10 (actor)((a)-[r:ENACTED|OBLIGES|OVERSEES|OWNS|CONTROLS|OPERATES|EMPLOYS|SANCTIONS|HOLDS_POSITION|SUBSIDIARY_OF|PART_OF|MEMBER_OF|LOCATED_IN]-(b)
            WHERE ((type(r) IN ['ENACTED', 'OBLIGES', 'OVERSEES', 'OWNS', 'CONTROLS', 'OPERATES', 'EMPLOYS',
                                'SANCTIONS', 'HOLDS_POSITION'] AND startNode(r) = a)
                   OR (type(r) IN ['SUBSIDIARY_OF', 'PART_OF', 'MEMBER_OF', 'LOCATED_IN', 'HOLDS_POSITION']
                       AND startNode(r) = b))
              AND /*kg:valid(r)*/true){1,8}(target)
WHERE all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
WITH p ORDER BY length(p), [n IN nodes(p) | n.name], [r IN relationships(p) | type(r)]
WITH collect(p)[0..$paths] AS found
UNWIND found AS p
RETURN length(p) AS hops,
       p AS path,
       [r IN relationships(p) | r.status] AS statuses,
       [r IN relationships(p) | r.sources] AS sources
