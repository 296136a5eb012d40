package dev.estore.gcp.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * What a cloud app's health endpoints answer, as its deployment's probes rely on (deploy/): startup
 * ({@code /q/health/started}) and liveness are up without asking the warehouse, whose grants may still be
 * propagating; readiness asks it and lists the app's Pub/Sub subscriptions.
 */
public final class CloudAppProbes {

    private CloudAppProbes() {
    }

    /** Checks the three endpoints of the app under test; {@code subscriptions} as readiness lists them. */
    public static void answerAsTheProbesExpect(String subscriptions) {
        given().get("/q/health/live").then().statusCode(200).body("checks.name", not(hasItem("warehouse")));
        given().get("/q/health/started").then().statusCode(200).body("checks.name", not(hasItem("warehouse")));
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("warehouse"))
                .body("checks.find { it.name == 'pubsub' }.data.subscriptions", equalTo(subscriptions));
    }
}
