package org.lungcad.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.model.NoduleType;
import org.lungcad.model.classify.BundledModels;
import org.lungcad.model.detect.OperatingPoint;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;

class LungCadPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Enable.class);

    @EnableConfigurationProperties(LungCadProperties.class)
    static class Enable {
    }

    @Test
    void restUsersBindWithTheirHashesAndAPlainPasswordIsRefused() {
        runner.withPropertyValues("lungcad.api.users[0].username=dr.reader",
                "lungcad.api.users[0].password-hash={bcrypt}$2a$10$0123456789012345678901uQ7hO3vN1Xl9aAaAaAaAaAaAaAaAa",
                "lungcad.api.users[0].role=READER").run(context -> {
                    LungCadProperties.ApiUser u = context.getBean(LungCadProperties.class).api().users().get(0);
                    assertThat(u.role()).isEqualTo(LungCadProperties.Role.READER);
                    assertThat(u.toString()).isEqualTo("ApiUser[dr.reader, READER]");
                });
        runner.withPropertyValues("lungcad.api.users[0].username=dr.reader",
                "lungcad.api.users[0].password-hash={noop}secret", "lungcad.api.users[0].role=READER")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("must be a password hash such as {bcrypt}"));
        runner.run(context -> assertThat(context.getBean(LungCadProperties.class).api().users()).isEmpty());
    }

    @Test
    void httpListensWhereDicomDoesUnlessServerAddressIsSet() {
        for (String[] c : new String[][] {{"lungcad.dicom.bind-address=127.0.0.1", "127.0.0.1"},
                {"lungcad.dicom.port=11112", "0.0.0.0"},
                {"server.address=10.1.2.3", "10.1.2.3"}}) {
            try (org.springframework.context.ConfigurableApplicationContext context =
                         new org.springframework.boot.builder.SpringApplicationBuilder(Empty.class)
                                 .web(org.springframework.boot.WebApplicationType.NONE).run("--" + c[0])) {
                // the product's application.yml under a command-line setting, as the packaged node reads them
                assertThat(context.getEnvironment().getProperty("server.address")).as(c[0]).isEqualTo(c[1]);
            }
        }
    }

    @Test
    void healthWatchesTheStorageDirectoryWithItsFloor() {
        try (org.springframework.context.ConfigurableApplicationContext context =
                     new org.springframework.boot.builder.SpringApplicationBuilder(Empty.class)
                             .web(org.springframework.boot.WebApplicationType.NONE)
                             .run("--lungcad.storage.directory=/srv/lungcad", "--lungcad.storage.min-free-space=5GB")) {
            org.springframework.core.env.Environment env = context.getEnvironment();
            assertThat(env.getProperty("management.health.diskspace.path")).isEqualTo("/srv/lungcad");
            assertThat(env.getProperty("management.health.diskspace.threshold")).isEqualTo("5GB");
            assertThat(env.getProperty("management.endpoint.health.group.readiness.include"))
                    .contains("dicom").contains("db").contains("detector").contains("diskSpace");
        }
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        runner.run(context -> {
            LungCadProperties p = context.getBean(LungCadProperties.class);
            assertThat(p.dicom().aeTitle()).isEqualTo("LUNGCAD");
            assertThat(p.dicom().port()).isEqualTo(11112);
            assertThat(p.dicom().allowedCallingAeTitles()).isEmpty();
            assertThat(p.series().quietPeriod()).isEqualTo(Duration.ofSeconds(5));
            assertThat(p.storage().directory().normalize()).isEqualTo(Path.of("lungcad-data"));
            assertThat(p.destinations()).isEmpty();
            assertThat(p.processing().maxVoxels()).isEqualTo(300_000_000L);
            assertThat(p.processing().maxQueuedSeries()).isEqualTo(100);
            assertThat(p.auditDirectory().normalize()).isEqualTo(Path.of("lungcad-data", "audit"));
        });
    }

    @Test
    void destinationsAndOverridesBind() {
        runner.withPropertyValues(
                "lungcad.dicom.ae-title=CAD1",
                "lungcad.dicom.allowed-calling-ae-titles=PACS1,PACS2",
                "lungcad.series.quiet-period=10s",
                "lungcad.series.qualification.min-slices=64",
                "lungcad.processing.max-voxels=150000000",
                "lungcad.destinations[0].ae-title=ORTHANC",
                "lungcad.destinations[0].host=127.0.0.1",
                "lungcad.destinations[0].port=4242").run(context -> {
                    LungCadProperties p = context.getBean(LungCadProperties.class);
                    assertThat(p.dicom().allowedCallingAeTitles()).containsExactlyInAnyOrder("PACS1", "PACS2");
                    assertThat(p.series().quietPeriod()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(p.series().qualification().minSlices()).isEqualTo(64);
                    assertThat(p.processing().maxVoxels()).isEqualTo(150_000_000L);
                    assertThat(p.destinations()).containsExactly(
                            new LungCadProperties.Destination("ORTHANC", "127.0.0.1", 4242));
                });
    }

    @Test
    void theMinimumSizePerTypeIsConfigurableAndReachesTheDetector() {
        runner.run(context -> {
            var op = context.getBean(LungCadProperties.class).detectorRuntime().detector().operatingPoint();
            assertThat(op.minimumByType()).isEqualTo(OperatingPoint.INTENDED_USE);
        });
        runner.withPropertyValues("lungcad.detector.min-solid-mm=6", "lungcad.detector.min-ground-glass-mm=3")
                .run(context -> {
                    var op = context.getBean(LungCadProperties.class).detectorRuntime().detector().operatingPoint();
                    assertThat(op.minimumByType()).isEqualTo(new OperatingPoint.MinimumSize(6, 5, 3));
                    assertThat(op.accepts(0.9, 5.5, NoduleType.SOLID)).isFalse();
                    assertThat(op.accepts(0.9, 3.5, NoduleType.GROUND_GLASS)).isTrue();
                });
        runner.withPropertyValues("lungcad.detector.min-part-solid-mm=31").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("detector.minPartSolidMm"));
    }

    @Test
    void invalidValuesStopTheStartWithTheOffendingProperty() {
        runner.withPropertyValues("lungcad.dicom.ae-title=THIS_AE_TITLE_IS_TOO_LONG").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("dicom.aeTitle"));
        runner.withPropertyValues("lungcad.dicom.port=70000").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("dicom.port"));
        runner.withPropertyValues("lungcad.destinations[0].ae-title=PACS", "lungcad.destinations[0].host=",
                "lungcad.destinations[0].port=104").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("destinations[0].host"));
        runner.withPropertyValues("lungcad.processing.max-voxels=0").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("processing.maxVoxels"));
    }

    @Test
    void theBundledModelIsTheDefaultAndLivesInTheModelsDirectory(@TempDir Path storage) {
        runner.withPropertyValues("lungcad.storage.directory=" + storage).run(context -> {
            LungCadProperties p = context.getBean(LungCadProperties.class);
            Path dir = p.detectorRuntime().learnedModel().orElseThrow();
            assertThat(dir).isEqualTo(storage.resolve("models").resolve(BundledModels.NODULE_FPR).toAbsolutePath());
            assertThat(BundledModels.isBundled(dir.getFileName().toString())).isTrue();
        });
        runner.withPropertyValues("lungcad.detector.learned-model=none").run(context ->
                assertThat(context.getBean(LungCadProperties.class).detectorRuntime().learnedModel()).isEmpty());
    }

    @Test
    void aSitesOwnModelIsSelectedByNameFromTheModelsDirectory(@TempDir Path models) {
        runner.withPropertyValues("lungcad.detector.learned-model=site-model-2", "lungcad.detector.models-directory="
                + models).run(context -> assertThat(context.getBean(LungCadProperties.class).learnedModelDirectory())
                .contains(models.resolve("site-model-2").toAbsolutePath()));
        runner.withPropertyValues("lungcad.detector.learned-model=../elsewhere").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("detector.learnedModel"));
    }
}
