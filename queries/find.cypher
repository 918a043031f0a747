// name: find
// description: Entities whose name or alias matches, tolerating misspellings (fulltext index kg_names).
// notes: |
//   Each word of the text must match a word of the name or an alias, exactly, as a prefix, or within one
//   or two typing mistakes (fuzzy, by word length). Lucene's special characters in the text are escaped,
//   so "RH (Group)" is searched as words, never as query syntax. Best matches first.
// parameters:
//   text: {type: string, required: true, example: alibaba clod, description: Words to look for}
//   type: {type: string, default: null, example: Company, description: Only entities of this node type}
WITH [w IN split(toLower(trim($text)), ' ') WHERE w <> ''] AS words
WITH [w IN words |
       reduce(s = w, c IN ['\\', '+', '-', '&', '|', '!', '(', ')', '{', '}', '[', ']', '^', '"', '~', '*', '?', ':', '/'] |
              replace(s, c, '\\' + c))] AS escaped
WITH [w IN escaped WHERE w <> '' |
       '(' + w + CASE WHEN size(w) >= 3 THEN ' OR ' + w + '*' ELSE '' END
           + CASE WHEN size(w) >= 6 THEN ' OR ' + w + '~2' WHEN size(w) >= 4 THEN ' OR ' + w + '~1' ELSE '' END
           + ')'] AS terms
WHERE size(terms) > 0
CALL db.index.fulltext.queryNodes('kg_names', reduce(q = head(terms), t IN tail(terms) | q + ' AND ' + t))
  YIELD node, score
WHERE $type IS NULL OR node.type = $type
RETURN node AS entity, node.type AS type, node.aliases AS aliases, round(score, 3) AS score
ORDER BY score DESC, entity.name
