package dev.estore.shared.ports;

import dev.estore.shared.contracts.ObjectRef;
import java.time.Instant;

/** What a bucket listing says about one object. */
public record StoredObject(ObjectRef ref, long size, String contentType, Instant created) {
}
