package dev.estore.transform.cli;

import dev.estore.transform.build.BuildRunner;
import dev.estore.transform.select.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** dbt's --select, --exclude, --state and --target-path, shared by build, ls and compile. */
public class SelectionOptions {

    @Option(names = {"-s", "--select"}, arity = "1..*", paramLabel = "SELECTOR",
            description = "Models to take (default: all): fct_events, +fct_sessions (with ancestors), dim_users+ "
                    + "(with descendants), @dim_users, tag:customers, path:marts, config.materialized:table, "
                    + "state:modified (with --state); a comma means and, a space or another --select means or.")
    public List<String> select = new ArrayList<>();

    @Option(names = "--exclude", arity = "1..*", paramLabel = "SELECTOR",
            description = "Models to leave out, in the same grammar.")
    public List<String> exclude = new ArrayList<>();

    @Option(names = "--state", paramLabel = "DIR",
            description = "The folder of an earlier manifest.json (e.g. production's) that state:modified compares with.")
    public Path state;

    @Option(names = "--target-path", paramLabel = "DIR",
            description = "Where this command writes manifest.json (default: target/ beside the warehouse file).")
    Path targetPath;

    /** The --state manifest {@link #resolve} read; null without --state. */
    private Manifest earlier;

    public Manifest earlierState() {
        return earlier;
    }

    /** A selection the command could not make: a bad selector or a missing --state manifest. */
    static final class BadSelection extends Exception {
        BadSelection(String message) {
            super(message);
        }
    }

    /**
     * Opens {@code warehouseFile} when given and resolves the selection ({@link #resolve}); when it cannot, says why
     * on stderr and returns null (the command then exits 2).
     */
    public List<String> resolveOrExplain(BuildRunner models, CommandTarget target, Path warehouseFile) {
        try {
            if (warehouseFile != null) {
                target.useWarehouseFile(warehouseFile);
            }
            return resolve(models, target.defaultTargetPath());
        } catch (BadSelection | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return null;
        }
    }

    /**
     * The selected models in build order; writes the project's manifest into the target path first (as dbt does
     * for every command), so that it can serve as a later --state.
     */
    List<String> resolve(BuildRunner models, Path defaultTargetPath) throws BadSelection {
        try {
            earlier = state == null ? null : Manifest.readFrom(state);
        } catch (IOException e) {
            throw new BadSelection(e.getMessage());
        }
        Path target = targetPath != null ? targetPath : defaultTargetPath;
        try {
            models.manifest().writeTo(target);
        } catch (IOException e) {
            throw new BadSelection("Cannot write " + Manifest.FILE + " into " + target + ": " + e.getMessage()
                    + " (choose another folder with --target-path)");
        }
        try {
            return models.selection(select, exclude, earlier);
        } catch (IllegalArgumentException e) {
            throw new BadSelection(e.getMessage());
        }
    }
}
