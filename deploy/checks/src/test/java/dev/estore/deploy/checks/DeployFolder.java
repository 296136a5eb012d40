package dev.estore.deploy.checks;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's deploy folder, found from wherever the tests run (the module folder or the root). */
public final class DeployFolder {

    private DeployFolder() {
    }

    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/terraform")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/terraform above " + Path.of("").toAbsolutePath()
                + ": run the checks from the repository (./mvnw -pl deploy/checks verify)");
    }

    public static Path deploy() {
        return root().resolve("deploy");
    }

    public static Path terraform() {
        return deploy().resolve("terraform");
    }

    public static Path cloudRun() {
        return deploy().resolve("cloudrun");
    }

    public static Path kubernetes() {
        return deploy().resolve("kubernetes");
    }
}
