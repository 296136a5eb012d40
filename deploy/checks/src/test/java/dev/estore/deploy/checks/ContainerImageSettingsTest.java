package dev.estore.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The images the manifests deploy are the ones the build makes: each service's app (SERVICE/gcp-app) builds its image
 * with Jib under the service's name, on port 8080, as a non-root numeric user, in the gcp profile; and the native
 * build is configured. The shared image settings live in gcp-adapters' application.properties, which only the four
 * cloud apps read; the name in each app's own.
 */
class ContainerImageSettingsTest {

    private static final Path IMAGE_SETTINGS = DeployFolder.root()
            .resolve("gcp-adapters/src/main/resources/application.properties");
    private static final Pattern HTTP_PORT_DEFAULT = Pattern.compile("\\$\\{PORT:(\\d+)}");

    static java.util.List<String> services() {
        return Services.NAMES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyServiceAppBuildsItsImageWithJib(String service) throws Exception {
        Path pom = DeployFolder.root().resolve(service).resolve("gcp-app/pom.xml");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        assertThat(dependency(doc, "quarkus-container-image-jib"))
                .as(pom + " lacks io.quarkus:quarkus-container-image-jib: its image cannot be built").isNotNull();
        assertThat(dependency(doc, service)).as(pom + " must assemble the service's logic, " + service).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyAppNamesItsImageAfterItsService(String service) throws IOException {
        Path config = DeployFolder.root().resolve(service).resolve("gcp-app/src/main/resources/application.properties");
        Properties properties = load(config);
        assertThat(properties.getProperty("quarkus.application.name"))
                .as(config + ": the manifests deploy <registry>/" + service + ":<tag>, named by quarkus.application.name")
                .isEqualTo(service);
        assertThat(properties.stringPropertyNames()).as(config + ": a second name for the image would break them")
                .doesNotContain("quarkus.container-image.name", "quarkus.container-image.image");
    }

    @Test
    void theImageIsNamedAfterTheServiceAndTaggedWithTheVersion() throws IOException {
        Properties image = load(IMAGE_SETTINGS);
        assertThat(image.getProperty("quarkus.container-image.name")).isEqualTo("${quarkus.application.name}");
        assertThat(image.getProperty("quarkus.container-image.tag")).isEqualTo("${quarkus.application.version}");
    }

    @Test
    void theImageServesThePortTheAppAndTheManifestsUse() throws IOException {
        Properties image = load(IMAGE_SETTINGS);
        Matcher portDefault = HTTP_PORT_DEFAULT.matcher(image.getProperty("%gcp.quarkus.http.port", ""));
        assertThat(portDefault.matches()).as(IMAGE_SETTINGS + ": %gcp.quarkus.http.port must be ${PORT:8080}").isTrue();
        assertThat(image.getProperty("quarkus.jib.ports")).isEqualTo(portDefault.group(1)).isEqualTo("8080");
    }

    @Test
    void theImageRunsAsANumericNonRootUser() throws IOException {
        String user = load(IMAGE_SETTINGS).getProperty("quarkus.jib.user");
        assertThat(user).as(IMAGE_SETTINGS + ": quarkus.jib.user must be a numeric uid (Kubernetes' runAsNonRoot"
                + " cannot check a name) other than root").matches("\\d+").isNotEqualTo("0");
    }

    @Test
    void theImageStartsInTheGoogleCloudProfile() throws IOException {
        assertThat(load(IMAGE_SETTINGS).getProperty("quarkus.jib.environment-variables.\"QUARKUS_PROFILE\""))
                .as("the services' cloud settings are under %gcp").isEqualTo("gcp");
    }

    @Test
    void theBaseImagesArePinned() throws IOException {
        Properties image = load(IMAGE_SETTINGS);
        for (String key : new String[] {"quarkus.jib.base-jvm-image", "quarkus.jib.base-native-image"}) {
            assertThat(image.getProperty(key)).as(IMAGE_SETTINGS + ": " + key + " with an explicit tag")
                    .matches("[a-z0-9.-]+/[a-z0-9/._-]+:[\\w.-]+").doesNotEndWith(":latest");
        }
    }

    @Test
    void theNativeProfileBuildsInsideTheMandrelBuilderImage() throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(DeployFolder.root().resolve("pom.xml").toFile());
        NodeList profiles = doc.getElementsByTagName("profile");
        Element nativeProfile = null;
        for (int i = 0; i < profiles.getLength(); i++) {
            Element profile = (Element) profiles.item(i);
            if ("native".equals(text(profile, "id"))) {
                nativeProfile = profile;
            }
        }
        assertThat(nativeProfile).as("the root pom has no <profile> with id native").isNotNull();
        assertThat(text(nativeProfile, "quarkus.native.enabled")).isEqualTo("true");
        assertThat(text(nativeProfile, "quarkus.native.container-build")).isEqualTo("true");
        assertThat(text(nativeProfile, "quarkus.native.builder-image"))
                .startsWith("quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-");
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    private static Element dependency(Document doc, String artifactId) {
        NodeList dependencies = doc.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (artifactId.equals(text(dependency, "artifactId"))) {
                return dependency;
            }
        }
        return null;
    }

    /** The text of the first direct child element named tag, or null. */
    private static String text(Element parent, String tag) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && child.getTagName().equals(tag)) {
                return child.getTextContent().strip();
            }
        }
        NodeList nested = parent.getElementsByTagName(tag);
        return nested.getLength() == 0 ? null : nested.item(0).getTextContent().strip();
    }
}
