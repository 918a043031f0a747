package kg.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import kg.UserError;
import kg.schema.Schema;
import kg.schema.SchemaReader;
import picocli.CommandLine.Option;

/** Which schema to use: the one shipped with kg unless told otherwise. */
public final class SchemaOptions {

    @Option(names = "--schema", paramLabel = "DIR",
            description = "Schema folder (default: $KG_SCHEMA, else the schema shipped with kg)")
    Path schemaDir;

    Schema schema() {
        Path dir = schemaDir;
        String env = Invocation.current().env("KG_SCHEMA");
        if (dir == null && env != null) {
            dir = Invocation.current().path(env);
        }
        if (dir == null) {
            return SchemaReader.builtIn();
        }
        if (!Files.isDirectory(dir)) {
            throw new UserError(dir + ": no such schema folder", 2);
        }
        return SchemaReader.read(dir);
    }
}
