package kg.load;

import kg.store.EmbeddedStore;

/** Partial loads that find the stored facts they may change by reading the id and hash of every stored fact. */
class PartialLoadScanningIT extends PartialLoadIT {

    @Override
    Loader loader(EmbeddedStore store) {
        return new Loader(store, SCHEMA).readingEveryStoredFact();
    }
}
