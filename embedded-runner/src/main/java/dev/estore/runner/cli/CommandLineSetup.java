package dev.estore.runner.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/**
 * The command line's error handling: a refused request (bad folder, unknown model, warehouse in use) prints its
 * reason and exits with 2, without a stack trace; anything unexpected keeps its stack trace for a bug report.
 */
@ApplicationScoped
public class CommandLineSetup {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return factory.create().setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            if (error instanceof IllegalArgumentException || error instanceof IllegalStateException) {
                commandLine.getErr().println("estore: " + error.getMessage());
                return 2;
            }
            throw error;
        });
    }
}
