package dev.estore.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * DuckDB serves the embedded default only: a service image (built from the service module) must not carry it,
 * so the embedded adapters and the DuckDB driver may appear in a service's pom only for its tests.
 */
class CloudBuildDependenciesTest {

    private static final Set<String> EMBEDDED_ONLY = Set.of("embedded-adapters", "duckdb_jdbc", "embedded-runner");

    static List<String> services() {
        return Services.NAMES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void embeddedOnlyArtifactsAreTestScoped(String service) throws Exception {
        Path pom = DeployFolder.root().resolve(service).resolve("pom.xml");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        NodeList dependencies = doc.getElementsByTagName("dependency");
        List<String> leaking = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (dependency.getParentNode().getParentNode().getNodeName().equals("dependencyManagement")) {
                continue;
            }
            String artifact = text(dependency, "artifactId");
            if (EMBEDDED_ONLY.contains(artifact) && !"test".equals(text(dependency, "scope"))) {
                leaking.add(artifact);
            }
        }
        assertThat(leaking).as(pom + ": would put DuckDB into the " + service + " image; give them <scope>test</scope>")
                .isEmpty();
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }
}
