package dev.estore.cloudcheck;

import com.google.cloud.storage.Bucket;
import com.google.cloud.storage.Notification;
import com.google.cloud.storage.NotificationInfo;
import com.google.cloud.storage.Storage;
import java.util.List;

/** The bucket the files land in, and its notification of every new object on the object-notifications topic. */
final class BucketResources {

    private final Storage storage;

    BucketResources(Storage storage) {
        this.storage = storage;
    }

    List<Finding> check(Deployment deployment) {
        String resource = "bucket gs://" + deployment.bucket();
        Bucket bucket;
        try {
            bucket = storage.get(deployment.bucket());
        } catch (RuntimeException e) {
            return List.of(Finding.unreadable(resource, e, "grant the checking account roles/storage.admin on the "
                    + "bucket (reading notifications needs storage.buckets.get)"));
        }
        if (bucket == null) {
            return List.of(Finding.missing(resource, "terraform apply in deploy/terraform (google_storage_bucket), "
                    + "or set the bucket of an existing one in terraform.tfvars"));
        }
        return List.of(Finding.ok(resource, "exists, in " + bucket.getLocation()), notification(deployment));
    }

    private Finding notification(Deployment deployment) {
        String resource = "notification gs://" + deployment.bucket() + " -> " + deployment.prefix()
                + "object-notifications";
        String topic = "//pubsub.googleapis.com/" + deployment.topicPath(deployment.prefix() + "object-notifications");
        List<Notification> notifications;
        try {
            notifications = storage.listNotifications(deployment.bucket());
        } catch (RuntimeException e) {
            return Finding.unreadable(resource, e, "grant the checking account storage.buckets.get on the bucket");
        }
        String fix = "terraform apply (google_storage_notification.raw_objects), or gcloud storage buckets "
                + "notifications create gs://" + deployment.bucket() + " --topic=" + deployment.topicPath(
                        deployment.prefix() + "object-notifications") + " --event-types=OBJECT_FINALIZE "
                + "--payload-format=json";
        List<Notification> toTopic = notifications == null ? List.of() : notifications.stream()
                .filter(notification -> topic.equals(notification.getTopic())
                        || notification.getTopic().endsWith(deployment.topicPath(deployment.prefix()
                                + "object-notifications")))
                .toList();
        if (toTopic.isEmpty()) {
            return Finding.missing(resource, fix);
        }
        boolean announcesNewObjects = toTopic.stream().anyMatch(notification ->
                notification.getPayloadFormat() == NotificationInfo.PayloadFormat.JSON_API_V1
                        && (notification.getEventTypes() == null || notification.getEventTypes().isEmpty()
                                || notification.getEventTypes().contains(NotificationInfo.EventType.OBJECT_FINALIZE)));
        return announcesNewObjects ? Finding.ok(resource, "OBJECT_FINALIZE, JSON payload")
                : Finding.wrong(resource, "does not announce new objects (OBJECT_FINALIZE) with the JSON payload the "
                        + "loader reads", fix);
    }
}
