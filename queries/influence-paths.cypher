// name: influence-paths
// description: Paths of influence from a state actor (country, party, agency, official) to a target, shortest first, with each step's status and sources.
// notes: |
//   A step carries influence in one direction:
//     forward (from -> to): ENACTED, OBLIGES, OVERSEES, OWNS, CONTROLS, OPERATES, EMPLOYS, SANCTIONS,
//       HOLDS_POSITION (an official over the body);
//     backward (to -> from): SUBSIDIARY_OF (parent over child), PART_OF (the whole over its part),
//       MEMBER_OF (a party or body over its members), LOCATED_IN (a jurisdiction over what is in it),
//       HOLDS_POSITION (a body over its officials).
//   Up to `paths` shortest paths (each at most 8 steps), no entity twice on a path: the first `paths` ordered
//   by length, then the names along the path, the step types and the steps' ids. --as-of and --min-status keep a path only if every step on it passes. statuses and sources
//   list, step by step, the claim status and the cited source ids of each relationship on the path.
//   Needs APOC core: the entities that can reach the target within 8 steps are found first (walking back
//   from it), then the simple paths from the actor through those only.
// parameters:
//   from: {type: string, required: true, example: china, description: Id of the state actor}
//   to: {type: string, required: true, example: liege-hub, description: Id of the target entity or site}
//   paths: {type: integer, default: 5, min: 1, max: 10, example: 5, description: How many of the shortest paths}
MATCH (actor:Entity {id: $from}), (target:Entity {id: $to})
// Everything that can reach the target in at most 8 steps (each step walked backwards from the target).
CALL apoc.path.spanningTree(target, {relationshipFilter: '<ENACTED|<OBLIGES|<OVERSEES|<OWNS|<CONTROLS|<OPERATES|<EMPLOYS|<SANCTIONS|HOLDS_POSITION|SUBSIDIARY_OF>|PART_OF>|MEMBER_OF>|LOCATED_IN>',
                                      maxLevel: 8}) YIELD path AS back
WITH actor, target, collect(last(nodes(back))) AS near
WHERE actor IN near
// The simple paths from the actor to the target (NODE_PATH: no entity twice) through those entities only.
CALL apoc.path.expandConfig(actor, {relationshipFilter: 'ENACTED>|OBLIGES>|OVERSEES>|OWNS>|CONTROLS>|OPERATES>|EMPLOYS>|SANCTIONS>|HOLDS_POSITION|<SUBSIDIARY_OF|<PART_OF|<MEMBER_OF|<LOCATED_IN',
                                    uniqueness: 'NODE_PATH', minLevel: 1, maxLevel: 8, whitelistNodes: near,
                                    terminatorNodes: [target]}) YIELD path AS p
WITH p WHERE all(r IN relationships(p) WHERE /*kg:valid(r)*/true)
WITH p ORDER BY length(p), [n IN nodes(p) | n.name], [r IN relationships(p) | type(r)], [r IN relationships(p) | r.key]
WITH collect(p)[0..$paths] AS found
UNWIND found AS p
RETURN length(p) AS hops,
       p AS path,
       [r IN relationships(p) | r.status] AS statuses,
       [r IN relationships(p) | r.sources] AS sources
