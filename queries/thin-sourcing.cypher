// name: thin-sourcing
// description: Facts that rest on fewer sources than wanted, or on no quote at all - what to verify before publishing.
// notes: |
//   Every relationship (or only those touching entity) cited by fewer than min_sources sources, or, with
//   unquoted=true, whose citations carry no verbatim quote. Weakest status first, then by fact.
// parameters:
//   min_sources: {type: integer, default: 2, min: 1, example: 2, description: Facts with fewer sources than this are listed}
//   unquoted: {type: boolean, default: true, example: "false", description: Also list facts without any quote}
//   entity: {type: string, default: null, example: cainiao, description: Only facts touching this entity}
MATCH p = (a:Entity)-[r]->(b:Entity)
WHERE ($entity IS NULL OR a.id = $entity OR b.id = $entity)
  AND /*kg:valid(r)*/true
WITH p, r, size(r.sources) AS cited, any(q IN r.quotes WHERE q <> '') AS quoted
WHERE cited < $min_sources OR ($unquoted AND NOT quoted)
RETURN p AS fact, r.status AS status, cited AS sources, quoted, r.sources AS source_ids
ORDER BY CASE r.status WHEN 'denied' THEN 0 WHEN 'alleged' THEN 1 WHEN 'reported' THEN 2 ELSE 3 END,
         [n IN nodes(p) | n.name], type(r)
