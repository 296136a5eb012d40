package dev.estore.semantic;

import dev.estore.embedded.duckdb.DuckDbDatabase;
import dev.estore.embedded.duckdb.DuckDbWarehouse;
import dev.estore.embedded.duckdb.FixedDuckDbConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * A small shop on DuckDB for the semantic model under src/test/resources/semantic-test: orders (base), each of one
 * customer (many-to-one), customers with a one-to-one profile. Customer c1 has three orders, so a join multiplies
 * its rows.
 */
public final class TestWarehouses {

    private TestWarehouses() {
    }

    public static DuckDbWarehouse shop(Path folder) {
        DuckDbWarehouse warehouse = new DuckDbWarehouse(new DuckDbDatabase(FixedDuckDbConfig.of(
                folder.resolve("w.duckdb"), "256MB", 1)));
        warehouse.executeAtomically(List.of("CREATE SCHEMA marts",
                "CREATE TABLE marts.orders (order_id VARCHAR, customer_id VARCHAR, amount DECIMAL(18,2), "
                        + "status VARCHAR, ordered_on DATE)",
                "INSERT INTO marts.orders VALUES ('o1','c1',10.00,'paid',DATE '2020-01-01'), "
                        + "('o2','c1',20.00,'paid',DATE '2020-01-02'), ('o3','c1',30.00,'open',DATE '2020-01-03'), "
                        + "('o4','c2',40.00,'paid',DATE '2020-01-04'), ('o5','c3',50.00,'open',DATE '2020-01-05')",
                "CREATE TABLE marts.customers (customer_id VARCHAR, lifetime_value DECIMAL(18,2), country VARCHAR)",
                "INSERT INTO marts.customers VALUES ('c1',100.00,'DE'), ('c2',200.00,'FR'), ('c3',300.00,'DE'), "
                        + "('c4',400.00,'FR')",
                "CREATE TABLE marts.profiles (customer_id VARCHAR, tier VARCHAR)",
                "INSERT INTO marts.profiles VALUES ('c1','gold'), ('c2','silver')"));
        return warehouse;
    }
}
