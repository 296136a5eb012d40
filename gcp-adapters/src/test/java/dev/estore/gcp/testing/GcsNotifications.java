package dev.estore.gcp.testing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Cloud Storage Pub/Sub notifications exactly as GCS publishes them (attributes + JSON API v1 object resource). */
public final class GcsNotifications {

    private GcsNotifications() {
    }

    public static Map<String, String> attributes(String eventType, String bucket, String name, long generation) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("notificationConfig", "projects/_/buckets/" + bucket + "/notificationConfigs/1");
        attributes.put("eventType", eventType);
        attributes.put("payloadFormat", "JSON_API_V1");
        attributes.put("bucketId", bucket);
        attributes.put("objectId", name);
        attributes.put("objectGeneration", Long.toString(generation));
        attributes.put("eventTime", "2026-11-27T10:15:30.200Z");
        return attributes;
    }

    public static byte[] objectResource(String bucket, String name, long generation, long size) {
        return """
                {"kind":"storage#object","id":"%1$s/%2$s/%3$d","selfLink":"https://www.googleapis.com/storage/v1/b/%1$s/o/x",
                 "name":"%2$s","bucket":"%1$s","generation":"%3$d","metageneration":"1","contentType":"text/csv",
                 "timeCreated":"2026-11-27T10:15:30.123Z","updated":"2026-11-27T10:15:30.123Z","storageClass":"STANDARD",
                 "size":"%4$d","md5Hash":"1B2M2Y8AsgTpgAmY7PhCfg==","crc32c":"AAAAAA==","etag":"CJ+b"}
                """.formatted(bucket, name, generation, size).getBytes(StandardCharsets.UTF_8);
    }
}
