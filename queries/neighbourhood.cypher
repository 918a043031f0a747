// name: neighbourhood
// description: All facts within N hops of an entity, nearest first.
// notes: |
//   A fact is within N hops when one of its ends can be reached from the entity in fewer than N steps over
//   relationships that pass the filters. hops: the fewest steps to reach the fact's far end. N is 1 to 5.
// parameters:
//   entity: {type: string, required: true, example: liege-hub, description: Id of the entity}
//   hops: {type: integer, default: 2, min: 1, max: 5, example: 2, description: How many steps out}
MATCH (e:Entity {id: $entity})
CALL {
  WITH e
  MATCH p = SHORTEST 1 (e)(()-[r]-() WHERE /*kg:valid(r)*/true){1,4}(x:Entity)
  WHERE length(p) < $hops
  RETURN x, length(p) AS d
  UNION
  WITH e
  RETURN e AS x, 0 AS d
}
WITH x, min(d) AS d
MATCH (x)-[r]-()
WHERE /*kg:valid(r)*/true
WITH r, min(d) + 1 AS hops
MATCH p = ()-[r]->()
RETURN hops, p AS fact, r.status AS status, r.sources AS sources
ORDER BY hops, [n IN nodes(p) | n.name], type(r)
