package dev.estore.shared.contracts;

/**
 * One generation of one object in a bucket. GCS gives every overwrite a new generation,
 * so (bucket, name, generation) names exactly one version of a file's bytes.
 */
public record ObjectRef(String bucket, String name, long generation) {

    public String uri() {
        return "gs://" + bucket + "/" + name + "#" + generation;
    }

    @Override
    public String toString() {
        return uri();
    }
}
