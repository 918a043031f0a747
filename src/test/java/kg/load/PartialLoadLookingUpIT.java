package kg.load;

import kg.store.EmbeddedStore;

/** Partial loads that find the stored facts they may change by looking up by id only what the files read or dropped declared at the last load. */
class PartialLoadLookingUpIT extends PartialLoadIT {

    @Override
    Loader loader(EmbeddedStore store) {
        return new Loader(store, SCHEMA).withLookupShare(1);
    }
}
