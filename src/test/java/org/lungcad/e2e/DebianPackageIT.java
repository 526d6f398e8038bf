package org.lungcad.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package as a site installs it: {@code dpkg -i}, then the installed command starts the node. Installs
 * system-wide, so it runs only as root on a machine that asks for it (environment {@code CI=true}, which .ci/run
 * sets, or {@code LUNGCAD_DEB_INSTALL=true}), and purges the package again at the end.
 */
class DebianPackageIT {

    /** The package is built beside the jar. */
    private static final Path TARGET = Path.of(System.getProperty("lungcad.jar",
            "../../cad-server/target/cad-server.jar")).toAbsolutePath().getParent();

    @TempDir
    Path tmp;

    @Test
    void installsWithDpkgAndTheInstalledCommandRunsTheNode() throws Exception {
        assumeTrue("0".equals(Tools.run(List.of("id", "-u")).output().trim()), "dpkg -i needs root — test skipped");
        assumeTrue("true".equals(System.getenv("CI")) || "true".equals(System.getenv("LUNGCAD_DEB_INSTALL")),
                "installs system-wide: runs with CI=true or LUNGCAD_DEB_INSTALL=true — test skipped");
        Path deb;
        try (Stream<Path> files = Files.list(TARGET)) {
            deb = files.filter(p -> p.getFileName().toString().matches("lungcad_.*_amd64\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no lungcad_*_amd64.deb in " + TARGET));
        }
        try {
            Tools.Result install = Tools.run(List.of("dpkg", "-i", deb.toString()));
            assertThat(install.exitCode()).as(install.output()).isZero();

            // the layout a PACS admin finds
            assertThat(Path.of("/usr/share/lungcad/cad-server.jar")).isRegularFile();
            assertThat(Files.isExecutable(Path.of("/usr/bin/lungcad"))).isTrue();
            assertThat(Path.of("/usr/share/doc/lungcad/sbom.cdx.json")).isRegularFile();
            String unit = Files.readString(Path.of("/lib/systemd/system/lungcad.service"));
            assertThat(unit).contains("User=lungcad").contains("ProtectSystem=strict")
                    .contains("ReadWritePaths=/var/lib/lungcad").contains("NoNewPrivileges=true");
            assertThat(Tools.run(List.of("getent", "passwd", "lungcad")).output()).contains("/var/lib/lungcad");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    Path.of("/etc/lungcad/application.yml")))).isEqualTo("rw-r-----");
            Tools.Result status = Tools.run(List.of("dpkg-query", "-W", "-f=${Status} ${Version}", "lungcad"));
            assertThat(status.output()).startsWith("install ok installed");
            Tools.Result verify = Tools.run(List.of("sh", "-c", "command -v systemd-analyze >/dev/null"
                    + " && systemd-analyze verify /lib/systemd/system/lungcad.service || true"));
            assertThat(verify.output()).doesNotContain("Unknown key").doesNotContain("Failed to parse");

            // the installed command: version, then the node as the service user, with the packaged configuration
            Tools.Result version = Tools.run(List.of("lungcad", "--version"));
            assertThat(version.exitCode()).as(version.output()).isZero();
            assertThat(version.output()).contains("LungCAD");
            int http = Tools.freePort();
            Path data = Files.createDirectories(tmp.resolve("data"));
            Tools.run(List.of("chown", "lungcad:lungcad", data.toString(), tmp.toString()));
            Process node = new ProcessBuilder("runuser", "-u", "lungcad", "--", "/usr/bin/lungcad", "serve",
                    "--spring.config.additional-location=file:/etc/lungcad/application.yml",
                    "--lungcad.storage.directory=" + data, "--lungcad.dicom.port=" + Tools.freePort(),
                    "--server.port=" + http)
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("node.log").toFile()).start();
            try {
                assertThat(awaitHealth(http, Duration.ofMinutes(2))).as(readLog()).contains("\"status\":\"UP\"");
            } finally {
                node.destroy(); // the node's own process: SIGTERM, as systemd stops it
                if (!node.waitFor(60, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            }
            assertThat(data.resolve("audit/audit.jsonl")).content().contains("application-started");
        } finally {
            Tools.run(List.of("dpkg", "--purge", "lungcad"));
        }
        assertThat(Path.of("/usr/share/lungcad/cad-server.jar")).doesNotExist();
    }

    private String readLog() throws IOException {
        Path log = tmp.resolve("node.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static String awaitHealth(int port, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
                if (last.contains("\"status\":\"UP\"")) {
                    return last;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        return last;
    }
}
