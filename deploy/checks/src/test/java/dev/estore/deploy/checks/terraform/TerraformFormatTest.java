package dev.estore.deploy.checks.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.deploy.checks.DeployFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The Terraform is laid out as terraform fmt would lay it out. */
class TerraformFormatTest {

    @Test
    void everyFileIsCanonicallyFormatted() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(DeployFolder.terraform())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".tf")).sorted().toList()) {
                problems.addAll(TerraformFormat.problems(file.getFileName().toString(), Files.readString(file)));
            }
        }
        assertThat(problems).as("run terraform fmt in deploy/terraform").isEmpty();
    }

    @Test
    void terraformFmtAgreesWhenTheBinaryIsInstalled() throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("terraform", "fmt", "-check", "-diff", "-recursive", "-no-color")
                    .directory(DeployFolder.terraform().toFile()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            Assumptions.abort("no terraform binary on PATH; the layout is checked by everyTerraformFileIsCanonicallyFormatted");
            return;
        }
        boolean done = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(done).as("terraform fmt finished").isTrue();
        assertThat(process.exitValue()).as("terraform fmt -check -diff:\n" + output).isZero();
    }

    @Test
    void reportsMisindentedAndMisalignedLines() {
        String messy = """
                resource "google_pubsub_topic" "t" {
                    name = "x"
                  labels = {
                    a = "1"
                    bbb = "2"
                  }
                }
                """;

        assertThat(TerraformFormat.problems("messy.tf", messy))
                .anySatisfy(p -> assertThat(p).contains("messy.tf line 2").contains("indented by 4"))
                .anySatisfy(p -> assertThat(p).contains("messy.tf line 4").contains("aligns it"))
                .hasSize(2);
    }

    @Test
    void acceptsWhatTerraformFmtWrites() {
        String canonical = """
                locals {
                  a = {
                    x = 1
                  }
                  bbb = 2
                  cc = [
                    1,
                  ]
                  d = 1
                  # a comment ends the alignment
                  eeee = 3
                  nested = merge([
                    for k in local.a : {
                      one   = k
                      three = k
                    }
                  ]...)
                }
                """;

        assertThat(TerraformFormat.problems("canonical.tf", canonical)).isEmpty();
    }
}
