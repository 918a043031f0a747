package kg.load;

import kg.store.EmbeddedStore;

/** Partial loads that take what the files read or dropped declared at the last load from its record, reading no stored fact for it. */
class PartialLoadFromRecordIT extends PartialLoadIT {

    @Override
    Loader loader(EmbeddedStore store) {
        return new Loader(store, SCHEMA);
    }
}
