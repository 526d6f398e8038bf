package org.lungcad.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** What the packaged jar carries besides the code: its SBOM and the commit it was built from. */
class ShippedArtifactsIT {

    private static final Path JAR = Path.of(System.getProperty("lungcad.jar",
            "../../cad-server/target/cad-server.jar"));

    @Test
    void theJarCarriesACycloneDxSbomOfWhatItShips() throws Exception {
        JsonNode bom;
        try (JarFile jar = new JarFile(JAR.toFile());
             InputStream in = jar.getInputStream(jar.getEntry("META-INF/sbom/application.cdx.json"))) {
            bom = new ObjectMapper().readTree(in);
        }
        assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.path("metadata").path("component").path("name").asText()).isEqualTo("cad-server");
        Map<String, String> components = new HashMap<>();
        for (JsonNode c : bom.path("components")) {
            components.put(c.path("group").asText() + ":" + c.path("name").asText(), c.path("version").asText());
        }
        // the parts a site's security review asks about: the DICOM toolkit, the tensor engine and its natives,
        // the web stack and the database
        assertThat(components).containsKeys("com.pixelmed:pixelmed", "ai.djl:api", "ai.djl.pytorch:pytorch-engine",
                "ai.djl.pytorch:pytorch-native-cpu", "org.springframework:spring-core", "com.h2database:h2",
                "org.lungcad:dicom-gateway", "org.lungcad:model-runtime");
        assertThat(components.get("ai.djl.pytorch:pytorch-native-cpu")).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(components).doesNotContainKeys("org.junit.jupiter:junit-jupiter-api", "org.assertj:assertj-core");
    }

    @Test
    void theJarNamesTheCommitItWasBuiltFrom() throws Exception {
        Properties git = new Properties();
        try (JarFile jar = new JarFile(JAR.toFile());
             InputStream in = jar.getInputStream(jar.getEntry("BOOT-INF/classes/git.properties"))) {
            git.load(in);
        }
        assertThat(git.getProperty("git.commit.id")).matches("[0-9a-f]{40}");
    }
}
