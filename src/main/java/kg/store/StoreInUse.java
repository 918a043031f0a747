package kg.store;

import kg.UserError;

/** Another kg process holds the store. */
public final class StoreInUse extends UserError {
    public static final int EXIT_CODE = 3;

    public StoreInUse(String store) {
        super("store is in use by another kg process: " + store, EXIT_CODE);
    }
}
