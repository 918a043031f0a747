// name: officials
// description: Who held which position in a body (or which positions a person held), with dates; use --as-of DATE for one day.
// notes: |
//   HOLDS_POSITION relationships into the body, or out of the person. With --as-of only the positions held
//   on that date are listed (since/until compared at their own precision). role narrows to titles that
//   contain the text, ignoring case.
// parameters:
//   body: {type: string, default: null, example: vsse, description: "Id of the body: a company, agency, organization or country"}
//   person: {type: string, default: null, example: xi-jinping, description: Id of the person}
//   role: {type: string, default: null, example: minister, description: Only titles containing this text}
// one-of: [body, person]
MATCH (person:Person)-[r:HOLDS_POSITION]->(body:Entity)
WHERE ($body IS NULL OR body.id = $body)
  AND ($person IS NULL OR person.id = $person)
  AND ($role IS NULL OR toLower(r.role) CONTAINS toLower($role))
  AND /*kg:valid(r)*/true
RETURN person, r.role AS role, body, r.since AS since, r.until AS until, r.status AS status, r.sources AS sources
ORDER BY body.name, coalesce(r.since, ''), person.name
