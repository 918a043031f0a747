package kg.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import kg.facts.Fact;
import kg.facts.FactSet;
import kg.schema.Schema;
import kg.schema.SchemaReader;
import kg.store.GraphStore;

/**
 * The loaders kg is compared with, written the way one would without kg: (b) one MERGE statement per fact,
 * committing every so often; (c) UNWIND batches of MERGE, one transaction per batch. Both set every
 * property of every fact they are given (they keep no hashes), and neither removes anything.
 */
final class Baselines {

    private static final Schema SCHEMA = SchemaReader.builtIn();

    private Baselines() {
    }

    static String mergeSource(boolean unwind) {
        return (unwind ? "UNWIND $rows AS row " : "WITH $row AS row ")
                + "MERGE (n:Source {id: row.id}) SET n += row.props";
    }

    static String mergeEntity(boolean unwind, String label) {
        return (unwind ? "UNWIND $rows AS row " : "WITH $row AS row ")
                + "MERGE (n:Entity {id: row.id}) SET n += row.props SET n:`" + label + "`";
    }

    static String mergeRelationship(boolean unwind, String type) {
        return (unwind ? "UNWIND $rows AS row " : "WITH $row AS row ")
                + "MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to}) "
                + "MERGE (a)-[r:`" + type + "` {key: row.key}]->(b) SET r += row.props";
    }

    /** (b): one statement per fact; returns the number of statements. */
    static long naiveMerge(GraphStore store, FactSet facts, int commitEvery) {
        long[] statements = {0};
        List<Map.Entry<String, Map<String, Object>>> pending = new ArrayList<>();
        Runnable commit = () -> {
            store.write(tx -> {
                for (Map.Entry<String, Map<String, Object>> s : pending) {
                    tx.run(s.getKey(), Map.of("row", s.getValue())).close();
                }
                return null;
            });
            statements[0] += pending.size();
            pending.clear();
        };
        forEachRow(facts, (cypher, row) -> {
            pending.add(Map.entry(cypher.apply(false), row));
            if (pending.size() >= commitEvery) {
                commit.run();
            }
        });
        commit.run();
        return statements[0];
    }

    /** (c): UNWIND batches of the same statements, one transaction per batch; returns the number of rows. */
    static long unwindMerge(GraphStore store, FactSet facts, int batch) {
        long[] rows = {0};
        Map<String, List<Map<String, Object>>> batches = new LinkedHashMap<>();
        BiConsumer<String, List<Map<String, Object>>> flush = (cypher, list) -> {
            if (list.isEmpty()) {
                return;
            }
            store.write(tx -> {
                tx.run(cypher, Map.of("rows", list)).close();
                return null;
            });
            rows[0] += list.size();
            list.clear();
        };
        forEachRow(facts, (cypher, row) -> {
            String statement = cypher.apply(true);
            List<Map<String, Object>> list = batches.computeIfAbsent(statement, k -> new ArrayList<>());
            list.add(row);
            if (list.size() >= batch) {
                flush.accept(statement, list);
            }
        }, () -> batches.forEach(flush));
        batches.forEach(flush);
        return rows[0];
    }

    private interface Statement {
        String apply(boolean unwind);
    }

    private static void forEachRow(FactSet facts, BiConsumer<Statement, Map<String, Object>> sink) {
        forEachRow(facts, sink, () -> { });
    }

    /** Nodes first (all of them), then relationships, so that every relationship finds its ends. */
    private static void forEachRow(FactSet facts, BiConsumer<Statement, Map<String, Object>> sink, Runnable nodesDone) {
        facts.forEach(SCHEMA, new FactSet.FactHandler() {
            @Override
            public void source(Fact.Source s) {
                Map<String, Object> props = new HashMap<>(s.properties());
                props.put("id", s.id());
                props.put("name", props.get("title"));
                sink.accept(Baselines::mergeSource, Map.of("id", s.id(), "props", props));
            }

            @Override
            public void entity(Fact.Entity e) {
                Map<String, Object> props = new HashMap<>(e.properties());
                props.put("id", e.id());
                props.put("type", e.type());
                sink.accept(unwind -> mergeEntity(unwind, e.type()), Map.of("id", e.id(), "props", props));
            }
        });
        nodesDone.run();
        facts.forEach(SCHEMA, new FactSet.FactHandler() {
            @Override
            public void relationship(Fact.Relationship r) {
                Map<String, Object> props = new HashMap<>(r.properties());
                props.put("key", r.key());
                props.put("status", r.status());
                props.put("sources", r.citations().stream().map(Fact.Citation::source).toList());
                sink.accept(unwind -> mergeRelationship(unwind, r.type()),
                        Map.of("key", r.key(), "from", r.from(), "to", r.to(), "props", props));
            }
        });
    }

}
