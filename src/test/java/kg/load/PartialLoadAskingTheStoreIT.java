package kg.load;

import kg.store.EmbeddedStore;

/**
 * Partial loads that take what the files read or dropped declared from the last load's record, and look up in the
 * store every id they refer to that unread files declare (as a load with few such ids does; the record answers
 * for many, in {@link PartialLoadFromRecordIT}, where the sets are small enough that it always does).
 */
class PartialLoadAskingTheStoreIT extends PartialLoadIT {

    @Override
    Loader loader(EmbeddedStore store) {
        return new Loader(store, SCHEMA).askingTheStoreForUnreadIds();
    }
}
