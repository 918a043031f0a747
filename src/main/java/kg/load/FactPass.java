package kg.load;

import kg.facts.Fact;
import kg.facts.FactSet;

/** A pass over the facts that handles only some kinds: the others are skipped. */
abstract class FactPass implements FactSet.FactHandler {

    @Override
    public void source(Fact.Source s) {
    }

    @Override
    public void entity(Fact.Entity e) {
    }

    @Override
    public void relationship(Fact.Relationship r) {
    }
}
