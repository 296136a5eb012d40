package dev.estore.transform.gcp;

import dev.estore.transform.cli.BuildCommand;
import dev.estore.transform.cli.CompileCommand;
import dev.estore.transform.cli.PlanCommand;
import dev.estore.transform.cli.SourceCommand;
import dev.estore.transform.cli.TargetDiffCommand;
import dev.estore.transform.cli.TestCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** ./estore cloud: the analytics engineer's commands on BigQuery, with the cloud settings of the environment. */
@TopCommand
@Command(name = "estore cloud", mixinStandardHelpOptions = true,
        description = {"The models' commands on BigQuery: the project and datasets come from "
                + "QUARKUS_GOOGLE_CLOUD_PROJECT_ID, ESTORE_BIGQUERY_DATASET_PREFIX and ESTORE_BIGQUERY_LOCATION; the "
                + "credentials are Application Default Credentials. build writes into a target (--target dev: "
                + "datasets <prefix><schema>_dev, reading production for the rest); production's datasets are "
                + "built by the deployed transform service only (POST /runs).", "",
                "./estore cloud check (a separate command) inspects the deployment itself."},
        subcommands = {BuildCommand.class, TestCommand.class, CompileCommand.class, PlanCommand.class,
                TargetDiffCommand.class, SourceCommand.class})
public class CloudCommands {
}
