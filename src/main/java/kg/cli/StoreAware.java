package kg.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/** A command about one store (found by --store, $KG_STORE or .kg/store) that prints through picocli's streams. */
abstract class StoreAware implements Callable<Integer> {

    @Mixin
    StoreOptions storeOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
