package dev.estore.deploy.checks.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.estore.deploy.checks.terraform.Hcl.Body;
import dev.estore.deploy.checks.terraform.Hcl.Literal;
import dev.estore.deploy.checks.terraform.Hcl.Raw;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader the Terraform checks rest on: literals become values, everything else stays text. */
class HclTest {

    @Test
    void readsBlocksLabelsAndLiteralObjects() {
        Body body = Hcl.parse("t.tf", """
                # a comment with { braces "and quotes"
                locals {
                  services = {
                    "loader-service" = { account_id = "loader", publishes = ["a", "b"], max = 3, idle = true }
                  }
                  push = var.deployment_target == "cloudrun" # trailing comment
                }

                resource "google_pubsub_topic" "topic" {
                  for_each = toset(local.topics)
                  name     = "${var.prefix}${each.value}"
                }
                """);

        assertThat(body.blocks()).extracting(Hcl.Block::type).containsExactly("locals", "resource");
        var locals = body.blocks("locals").get(0).body();
        var loader = TerraformValues.object(TerraformValues.object(locals.attribute("services").orElseThrow(), "services")
                .get("loader-service"), "loader");
        assertThat(TerraformValues.text(loader.get("account_id"), "id")).isEqualTo("loader");
        assertThat(TerraformValues.strings(loader.get("publishes"), "publishes")).containsExactly("a", "b");
        assertThat(loader.get("max")).isEqualTo(new Literal("3"));
        assertThat(loader.get("idle")).isEqualTo(new Literal(true));
        assertThat(locals.attribute("push")).contains(new Raw("var.deployment_target == \"cloudrun\""));
        var topic = body.blocks("resource").get(0);
        assertThat(topic.labels()).isEqualTo(List.of("google_pubsub_topic", "topic"));
        assertThat(topic.body().attribute("name")).contains(new Raw("\"${var.prefix}${each.value}\""));
    }

    @Test
    void keepsInterpolationsWithNestedQuotesAsText() {
        Body body = Hcl.parse("t.tf", """
                locals {
                  uri = "${google_cloud_run_v2_service.service["transform-service"].uri}/runs"
                  after = "x"
                }
                """);

        var locals = body.blocks("locals").get(0).body();
        assertThat(locals.attribute("uri")).contains(
                new Raw("\"${google_cloud_run_v2_service.service[\"transform-service\"].uri}/runs\""));
        assertThat(locals.attribute("after")).contains(new Literal("x"));
    }

    @Test
    void findsReferencesInCodeButNotInText() {
        String code = HclCode.of("t.tf", """
                description = "see local.nothing and var.nothing"
                value = "${var.prefix}x" # local.commented
                """);

        assertThat(code).contains("var.prefix").doesNotContain("local.nothing").doesNotContain("var.nothing")
                .doesNotContain("local.commented");
    }

    @Test
    void refusesWhatItCannotReadNamingTheLine() {
        assertThatThrownBy(() -> Hcl.parse("bad.tf", "locals {\n  a = <<EOT\nx\nEOT\n}\n"))
                .hasMessageContaining("bad.tf line 2").hasMessageContaining("heredoc");
        assertThatThrownBy(() -> Hcl.parse("bad.tf", "locals {\n  a = merge(\n}\n"))
                .hasMessageContaining("bad.tf");
    }
}
