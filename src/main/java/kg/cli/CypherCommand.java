package kg.cli;

import kg.query.PreparedQuery;
import kg.query.QueryLibrary;
import kg.query.QueryOptions;
import kg.query.QueryResult;
import kg.query.QueryRunner;
import kg.store.GraphStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kg cypher 'STATEMENT'}: ad-hoc Cypher, run read-only like the saved queries. */
@Command(name = "cypher", mixinStandardHelpOptions = true,
        description = {"Runs one ad-hoc Cypher statement read-only: a statement that would write is refused.",
                "Parameters are strings unless typed: -p id=cainiao -p share:number=0.25 -p ids:list=a,b"
                        + " (types: string, integer, number, boolean, date, list).",
                "Write /*kg:valid(r)*/true where relationship r must pass --as-of and --min-status."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the statement ran", "1:the statement failed or would write", "2:usage error",
                "3:the store is in use by another kg process", "4:the statement ran past its timeout"})
final class CypherCommand extends StoreCommand {

    @Parameters(paramLabel = "STATEMENT", description = "The Cypher statement (quote it for the shell)")
    String statement;

    @Mixin
    QueryCommand.RunOptions runOptions;

    private PreparedQuery prepared;
    private QueryOptions options;

    @Override
    void before() {
        options = runOptions.options();
        prepared = QueryLibrary.prepareAdHoc(runOptions.schemaOptions.schema(), statement, runOptions.parameters, options);
    }

    @Override
    int run(GraphStore store) {
        long start = System.nanoTime();
        QueryResult result = QueryRunner.run(store, prepared, options.timeout(), options.limit());
        runOptions.print(result, start, out(), err());
        return 0;
    }
}
