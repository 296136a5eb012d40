package dev.estore.runner.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** dbt's --select and --exclude, shared by build, ls and compile. */
public class SelectionOptions {

    @Option(names = {"-s", "--select"}, arity = "1..*", paramLabel = "SELECTOR",
            description = "Models to take (default: all): fct_events, +fct_sessions (with ancestors), dim_users+ "
                    + "(with descendants), @dim_users, tag:customers, path:marts, config.materialized:table; "
                    + "a comma means and, a space or another --select means or.")
    List<String> select = new ArrayList<>();

    @Option(names = "--exclude", arity = "1..*", paramLabel = "SELECTOR",
            description = "Models to leave out, in the same grammar.")
    List<String> exclude = new ArrayList<>();
}
