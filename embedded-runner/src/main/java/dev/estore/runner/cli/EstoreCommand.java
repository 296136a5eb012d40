package dev.estore.runner.cli;

import dev.estore.runner.bench.BenchCommand;
import dev.estore.transform.cli.BuildCommand;
import dev.estore.transform.cli.CompileCommand;
import dev.estore.transform.cli.PlanCommand;
import dev.estore.transform.cli.SourceCommand;
import dev.estore.transform.cli.TestCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The ./estore command line. */
@TopCommand
@Command(name = "estore", mixinStandardHelpOptions = true,
        description = "E-commerce analytics pipeline: loader, transform, snapshot and semantic-sync services in one JVM.",
        subcommands = {DemoCommand.class, GenerateCommand.class, RunCommand.class, ServeCommand.class,
                BuildCommand.class, TestCommand.class, LsCommand.class, CompileCommand.class, PlanCommand.class,
                DiffCommand.class, SourceCommand.class, dev.estore.runner.docs.DocsCommand.class, BenchCommand.class,
                SemanticCommand.class})
public class EstoreCommand {
}
