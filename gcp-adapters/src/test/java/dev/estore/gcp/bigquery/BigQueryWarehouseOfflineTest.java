package dev.estore.gcp.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLType.TypeKind;
import dev.estore.gcp.bigquery.offline.AnalyzingBigQueryGateway;
import dev.estore.gcp.bigquery.offline.AnalyzingBigQueryGateway.SentQuery;
import dev.estore.gcp.bigquery.offline.BigQuerySqlAnalyzer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transactions and write-audit-publish of the BigQuery warehouse, as the statements it sends. */
class BigQueryWarehouseOfflineTest {

    AnalyzingBigQueryGateway gateway;
    BigQueryWarehouse warehouse;

    @BeforeEach
    void warehouse() {
        BigQuerySqlAnalyzer analyzer = new BigQuerySqlAnalyzer();
        analyzer.put("p.estore_marts.t", Map.of("id", TypeFactory.createSimpleType(TypeKind.TYPE_INT64)), null);
        gateway = new AnalyzingBigQueryGateway(analyzer);
        warehouse = new BigQueryWarehouse(gateway, new Datasets("p", "estore_"), "EU");
    }

    @Test
    void theReachabilityCheckOfHealthProbesSendsNoQueryJob() {
        warehouse.checkReachable();
        warehouse.checkReachable();

        assertThat(gateway.sent()).as("query jobs bill, wait for slots and fill the job history").isEmpty();
        // one metadata read each, in the dataset every service may write (raw is not readable by all of them)
        assertThat(gateway.tablesAsked()).hasSize(2).allSatisfy(table -> assertThat(table.getDataset())
                .isEqualTo("estore_ops"));
    }

    @Test
    void aTransactionCommitsInItsSessionAndEndsIt() {
        warehouse.inTransaction(transaction -> transaction.execute("DELETE FROM `p.estore_marts.t` WHERE id = ?", 1L));

        assertThat(gateway.sent()).extracting(SentQuery::sql, SentQuery::sessionId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("BEGIN TRANSACTION", null),
                org.assertj.core.groups.Tuple.tuple("DELETE FROM `p.estore_marts.t` WHERE id = ?", "session-1"),
                org.assertj.core.groups.Tuple.tuple("COMMIT TRANSACTION", "session-1"),
                org.assertj.core.groups.Tuple.tuple("CALL BQ.ABORT_SESSION()", "session-1"));
        assertThat(gateway.sent().get(0).createSession()).isTrue();
    }

    @Test
    void aFailedTransactionRollsBackAndNeverCommits() {
        assertThatThrownBy(() -> warehouse.inTransaction(transaction -> {
            transaction.execute("DELETE FROM `p.estore_marts.t` WHERE id = ?", 1L);
            throw new IllegalStateException("work failed");
        })).hasMessage("work failed");

        assertThat(gateway.sent()).extracting(SentQuery::sql).containsExactly("BEGIN TRANSACTION",
                "DELETE FROM `p.estore_marts.t` WHERE id = ?", "ROLLBACK TRANSACTION", "CALL BQ.ABORT_SESSION()");
    }

    @Test
    void aFailedAuditIsDroppedAndNeverPublished() {
        assertThatThrownBy(() -> warehouse.writeAuditPublish("marts", "t", audit -> {
            audit.startFromPublished();
            audit.statements().execute("DELETE FROM " + audit.relation() + " WHERE id > 0");
            throw new IllegalStateException("test failed");
        })).hasMessage("test failed");

        assertThat(gateway.sent()).extracting(SentQuery::sql).containsExactly(
                "CREATE OR REPLACE TABLE `p.estore_marts.t__audit` COPY `p.estore_marts.t`",
                "DELETE FROM `p.estore_marts.t__audit` WHERE id > 0",
                "DROP TABLE IF EXISTS `p.estore_marts.t__audit`");
    }

    @Test
    void aPassedAuditIsPublishedByOneCopy() {
        long rows = warehouse.writeAuditPublish("marts", "t", audit -> {
            audit.statements().execute("CREATE OR REPLACE TABLE " + audit.relation() + " AS SELECT 1 AS id");
            return 1L;
        });

        assertThat(rows).isEqualTo(1);
        assertThat(gateway.sent()).extracting(SentQuery::sql).containsExactly(
                "CREATE OR REPLACE TABLE `p.estore_marts.t__audit` AS SELECT 1 AS id",
                "CREATE OR REPLACE TABLE `p.estore_marts.t` COPY `p.estore_marts.t__audit`",
                "DROP TABLE IF EXISTS `p.estore_marts.t__audit`");
        assertThat(warehouse.columnsOf("marts", "t")).containsExactly("id");
        assertThat(warehouse.relationExists("marts", "t__audit")).isFalse();
    }

    @Test
    void aCopyPublishCommitsWhatMustPrecedeItBeforeTheCopyAndTheBookkeepingAfter() {
        warehouse.writeAuditPublish("marts", "t", audit -> {
            audit.startFromPublished();
            audit.statements().execute("DELETE FROM " + audit.relation() + " WHERE id = 10");
            audit.beforePublish("DELETE FROM `p.estore_marts.t` WHERE id = 1");
            audit.withPublish("DELETE FROM `p.estore_marts.t` WHERE id = 2");
            return 1L;
        });

        // a crash between the copy and the bookkeeping finds the first transaction committed
        assertThat(gateway.sent()).extracting(SentQuery::sql).containsExactly(
                "CREATE OR REPLACE TABLE `p.estore_marts.t__audit` COPY `p.estore_marts.t`",
                "DELETE FROM `p.estore_marts.t__audit` WHERE id = 10",
                "BEGIN TRANSACTION",
                "DELETE FROM `p.estore_marts.t` WHERE id = 1",
                "COMMIT TRANSACTION",
                "CALL BQ.ABORT_SESSION()",
                "CREATE OR REPLACE TABLE `p.estore_marts.t` COPY `p.estore_marts.t__audit`",
                "BEGIN TRANSACTION",
                "DELETE FROM `p.estore_marts.t` WHERE id = 2",
                "COMMIT TRANSACTION",
                "CALL BQ.ABORT_SESSION()",
                "DROP TABLE IF EXISTS `p.estore_marts.t__audit`");
    }

    @Test
    void aFailedAuditCommitsNothingOfWhatWouldHavePrecededThePublish() {
        assertThatThrownBy(() -> warehouse.writeAuditPublish("marts", "t", audit -> {
            audit.startFromPublished();
            audit.beforePublish("DELETE FROM `p.estore_marts.t` WHERE id = 1");
            throw new IllegalStateException("test failed");
        })).hasMessage("test failed");

        assertThat(gateway.sent()).extracting(SentQuery::sql).noneMatch(sql -> sql.startsWith("BEGIN")
                || sql.startsWith("DELETE FROM `p.estore_marts.t` "));
    }

    @Test
    void anAuditOfSomeRowsIsPublishedByReplacingThoseRowsWithTheBookkeepingInOneTransaction() {
        warehouse.writeAuditPublish("marts", "t", audit -> {
            audit.startFromPublishedRows("id >= 10");
            audit.statements().execute("DELETE FROM " + audit.relation() + " WHERE id = 10");
            audit.statements().execute("INSERT INTO " + audit.relation() + " (id) VALUES (10), (3)");
            audit.withPublish("DELETE FROM `p.estore_marts.t` WHERE id = ?", 99L);
            audit.beforePublish("DELETE FROM `p.estore_marts.t` WHERE id = 1");
            return 2L;
        });

        assertThat(gateway.sent()).extracting(SentQuery::sql).containsExactly(
                "CREATE OR REPLACE TABLE `p.estore_marts.t__audit` LIKE `p.estore_marts.t` AS\n"
                        + "SELECT * FROM `p.estore_marts.t` WHERE id >= 10",
                "DELETE FROM `p.estore_marts.t__audit` WHERE id = 10",
                "INSERT INTO `p.estore_marts.t__audit` (id) VALUES (10), (3)",
                // no copy of the whole table either way: only the rows the audit started from are replaced; what
                // must precede the publish shares its transaction here
                "BEGIN TRANSACTION",
                "DELETE FROM `p.estore_marts.t` WHERE id = 1",
                "DELETE FROM `p.estore_marts.t` WHERE id >= 10",
                "INSERT INTO `p.estore_marts.t` (id)\nSELECT id FROM `p.estore_marts.t__audit`",
                "DELETE FROM `p.estore_marts.t` WHERE id = ?",
                "COMMIT TRANSACTION",
                "CALL BQ.ABORT_SESSION()",
                "DROP TABLE IF EXISTS `p.estore_marts.t__audit`");
    }

    @Test
    void aFailedAuditOfSomeRowsLeavesThemPublished() {
        assertThatThrownBy(() -> warehouse.writeAuditPublish("marts", "t", audit -> {
            audit.startFromPublishedRows("id >= 10");
            audit.statements().execute("DELETE FROM " + audit.relation() + " WHERE id >= 10");
            throw new IllegalStateException("test failed");
        })).hasMessage("test failed");

        assertThat(gateway.sent()).extracting(SentQuery::sql).noneMatch(sql -> sql.startsWith("DELETE FROM "
                + "`p.estore_marts.t` ") || sql.startsWith("INSERT INTO `p.estore_marts.t` ") || sql.contains("COPY"));
    }

    @Test
    void aTableWhosePartitioningChangedIsDroppedBeforeTheCopyWhichBigQueryWouldRefuse() {
        gateway.layout("p.estore_marts.t", "partition none cluster []");
        gateway.layout("p.estore_marts.t__audit", "partition DAY(d) cluster [id]");

        warehouse.writeAuditPublish("marts", "t", audit -> {
            audit.statements().execute("CREATE OR REPLACE TABLE " + audit.relation() + " AS SELECT 1 AS id");
            return 1L;
        });

        assertThat(gateway.sent()).extracting(SentQuery::sql).containsExactly(
                "CREATE OR REPLACE TABLE `p.estore_marts.t__audit` AS SELECT 1 AS id",
                "DROP TABLE `p.estore_marts.t`",
                "CREATE OR REPLACE TABLE `p.estore_marts.t` COPY `p.estore_marts.t__audit`",
                "DROP TABLE IF EXISTS `p.estore_marts.t__audit`");
    }

    @Test
    void aTableOfTheSameLayoutIsReplacedByTheCopyAlone() {
        gateway.layout("p.estore_marts.t", "partition DAY(d) cluster [id]");
        gateway.layout("p.estore_marts.t__audit", "partition DAY(d) cluster [id]");

        warehouse.writeAuditPublish("marts", "t", audit -> {
            audit.statements().execute("CREATE OR REPLACE TABLE " + audit.relation() + " AS SELECT 1 AS id");
            return 1L;
        });

        assertThat(gateway.sent()).extracting(SentQuery::sql).doesNotContain("DROP TABLE `p.estore_marts.t`");
    }

    @Test
    void oneDdlStatementRunsOutsideATransaction() {
        warehouse.executeAtomically(List.of("CREATE TABLE IF NOT EXISTS `p.estore_ops.x` (a STRING)"));

        assertThat(gateway.sent()).extracting(SentQuery::sql)
                .containsExactly("CREATE TABLE IF NOT EXISTS `p.estore_ops.x` (a STRING)");
    }
}
