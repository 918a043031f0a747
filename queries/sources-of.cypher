// name: sources-of
// description: The documents and quotes behind every fact about an entity, or along a path of entities.
// notes: |
//   entity: every relationship touching it. path: a comma-separated list of entity ids, as a path reads
//   (e.g. alibaba-group,cainiao,liege-hub): every relationship between neighbours in the list, either way.
//   One row per fact and cited source, in citation order, with the quote when the fact file gives one.
// parameters:
//   entity: {type: string, default: null, example: cainiao, description: Id of the entity}
//   path: {type: list, default: null, example: "alibaba-group,cainiao,liege-hub", description: Ids of entities along a path}
// one-of: [entity, path]
MATCH (n:Entity)-[r]-(m:Entity)
WHERE (n.id = $entity)
   OR (n.id IN coalesce($path, []) AND
       any(i IN range(0, size(coalesce($path, [])) - 2)
           WHERE (n.id = $path[i] AND m.id = $path[i + 1]) OR (m.id = $path[i] AND n.id = $path[i + 1])))
WITH DISTINCT r
WHERE /*kg:valid(r)*/true
MATCH p = ()-[r]->()
UNWIND range(0, size(r.sources) - 1) AS i
OPTIONAL MATCH (s:Source {id: r.sources[i]})
RETURN p AS fact,
       r.status AS status,
       s AS source,
       s.publisher AS publisher,
       s.date AS date,
       s.url AS url,
       CASE WHEN r.quotes[i] = '' THEN null ELSE r.quotes[i] END AS quote
ORDER BY [x IN nodes(p) | x.name], type(r), i
