// name: timeline
// description: The dated facts about an entity in date order - when stakes, positions, laws and agreements began and ended.
// notes: |
//   Every relationship touching the entity with a since or until date, ordered by its first date (since,
//   else until). Undated facts are left out; neighbourhood lists everything.
// parameters:
//   entity: {type: string, required: true, example: alibaba-group, description: Id of the entity}
MATCH (e:Entity {id: $entity})-[r]-()
WHERE (r.since IS NOT NULL OR r.until IS NOT NULL) AND /*kg:valid(r)*/true
WITH DISTINCT r
MATCH p = ()-[r]->()
RETURN coalesce(r.since, r.until) AS date, r.since AS since, r.until AS until, p AS fact, r.status AS status,
       r.sources AS sources
ORDER BY date, coalesce(r.until, '9999'), [n IN nodes(p) | n.name], type(r)
