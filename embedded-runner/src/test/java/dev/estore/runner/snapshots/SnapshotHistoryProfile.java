package dev.estore.runner.snapshots;

import dev.estore.runner.FreshWarehouseProfile;

/**
 * {@link FreshWarehouseProfile} under a class of its own: Quarkus restarts only when the profile class changes,
 * and it runs the test classes of one profile back to back, so sharing the class with another test would share
 * that test's application and warehouse. The snapshot history test needs a warehouse that starts empty.
 */
public class SnapshotHistoryProfile extends FreshWarehouseProfile {
}
