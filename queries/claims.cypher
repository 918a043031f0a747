// name: claims
// description: The allegations and denials involving an entity - who asserted, who denied, on which sources.
// notes: |
//   Every relationship that is alleged or denied and touches the entity or names it in asserted_by, and
//   every ASSERTS or DENIES relationship to or from it or naming it. kind: alleged, denied (the status of a claimed fact), asserts or denies (a
//   party's statement). claim: the fact or statement. text: what is asserted or denied, for ASSERTS and
//   DENIES. by: who asserts (for alleged and asserts) or denies (for denied and denies): the subject of an
//   ASSERTS or DENIES, and everyone listed in asserted_by. Sources in citation order, with their quotes.
//   Not filtered by --as-of or --min-status: denied and alleged claims are the point.
// parameters:
//   entity: {type: string, required: true, example: alibaba-group, description: Id of the entity}
MATCH (e:Entity {id: $entity})
CALL {
  WITH e
  MATCH (e)-[r]-()
  RETURN r
  UNION
  WITH e
  MATCH ()-[r]->()
  WHERE e.id IN r.asserted_by
  RETURN r
}
WITH DISTINCT r
WHERE r.status IN ['alleged', 'denied'] OR type(r) IN ['ASSERTS', 'DENIES']
MATCH p = ()-[r]->()
WITH p, r,
     CASE type(r) WHEN 'ASSERTS' THEN 'asserts' WHEN 'DENIES' THEN 'denies' ELSE r.status END AS kind,
     reduce(ids = [], id IN CASE WHEN type(r) IN ['ASSERTS', 'DENIES'] THEN [startNode(r).id] ELSE [] END
                             + coalesce(r.asserted_by, []) |
            CASE WHEN id IN ids THEN ids ELSE ids + id END) AS by_ids
CALL {
  WITH by_ids
  UNWIND range(0, size(by_ids) - 1) AS i
  MATCH (x:Entity {id: by_ids[i]})
  WITH x ORDER BY i
  RETURN collect(x) AS by
}
CALL {
  WITH r
  UNWIND range(0, size(r.sources) - 1) AS i
  MATCH (s:Source {id: r.sources[i]})
  WITH s ORDER BY i
  RETURN collect(s) AS sources
}
RETURN kind,
       p AS claim,
       r.claim AS text,
       r.status AS status,
       by,
       sources,
       [q IN r.quotes WHERE q <> ''] AS quotes
ORDER BY kind, [n IN nodes(claim) | n.name], type(r)
